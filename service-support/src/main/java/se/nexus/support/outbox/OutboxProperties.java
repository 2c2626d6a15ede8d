package se.nexus.support.outbox;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Tuning of the outbox relay.
 *
 * @param batchSize rows read and published per transaction
 * @param pollInterval pause between polls when the outbox is empty
 * @param sendTimeout how long a batch may wait for Kafka's acknowledgements
 * @param maxBackoff longest pause between attempts while Kafka is unreachable
 * @param lagThreshold outbox lag past which the service reports itself out of service
 */
@ConfigurationProperties("nexus.outbox")
public record OutboxProperties(
        @DefaultValue("500") int batchSize,
        @DefaultValue("50ms") Duration pollInterval,
        @DefaultValue("30s") Duration sendTimeout,
        @DefaultValue("30s") Duration maxBackoff,
        @DefaultValue("60s") Duration lagThreshold) {
}
