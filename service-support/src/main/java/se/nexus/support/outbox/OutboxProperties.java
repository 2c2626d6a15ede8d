package se.nexus.support.outbox;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

import se.nexus.support.locks.AdvisoryLocks;

/**
 * Tuning of the outbox relay.
 *
 * @param batchSize rows read and published per transaction
 * @param pollInterval pause between polls when the outbox is empty
 * @param gather how long a relay woken by a commit waits before its next batch when its last batch held several rows:
 *        commits then come faster than batches, and gathering them saves a transaction and a Kafka round trip per
 *        row; a relay that published one row or none publishes at once when woken
 * @param sendTimeout how long a batch may wait for Kafka's acknowledgements
 * @param maxBackoff longest pause between attempts while Kafka is unreachable
 * @param lagThreshold outbox lag past which the service reports itself out of service
 * @param partitions key partitions the relays of a database share out; every instance of a service must use the
 *        same number, since a key's partition is its hash modulo this number
 * @param claimInterval how often a relay counts the running relays and claims or gives up partitions to hold its share;
 *        the longest a stopped relay's partitions wait for another to take them over
 * @param sessionTimeout how long the database keeps the partitions of a relay that stopped talking to it (its host
 *        vanished) before the others may take them over; longer than {@code claimInterval}
 */
@ConfigurationProperties("nexus.outbox")
public record OutboxProperties(
        @DefaultValue("500") int batchSize,
        @DefaultValue("50ms") Duration pollInterval,
        @DefaultValue("50ms") Duration gather,
        @DefaultValue("30s") Duration sendTimeout,
        @DefaultValue("30s") Duration maxBackoff,
        @DefaultValue("60s") Duration lagThreshold,
        @DefaultValue("16") int partitions,
        @DefaultValue("1s") Duration claimInterval,
        @DefaultValue("10s") Duration sessionTimeout) {

    /** Partition lock keys leave room for this many partitions. */
    static final int MAX_PARTITIONS = AdvisoryLocks.MAX_PARTITIONS;

    public OutboxProperties {
        if (partitions < 1 || partitions > MAX_PARTITIONS) {
            throw new IllegalArgumentException("nexus.outbox.partitions must be 1 to " + MAX_PARTITIONS);
        }
        if (claimInterval.compareTo(sessionTimeout) >= 0) {
            throw new IllegalArgumentException("nexus.outbox.claim-interval must be shorter than session-timeout");
        }
    }
}
