package se.nexus.support.admission;

import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsResult.ListOffsetsResultInfo;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Whether the audit service is further behind than {@code max-lag} on the events this service publishes, measured
 * every {@code lag-refresh} on a thread of its own from what the broker knows: the audit consumer group's committed
 * offsets against the offset of the first event younger than {@code max-lag}. An event before that offset and not yet
 * consumed has waited longer than allowed. The broker answers this while the audit service is paused or down, which
 * is exactly when it matters; a group that has never committed is behind as soon as an event has waited too long.
 *
 * <p>Fails closed: once the broker has not answered for {@code max-lag}, the audit log counts as behind, because
 * nothing shows that disclosures are still being recorded (docs/architecture.md, admission control); a shorter
 * silence keeps the last measure.
 */
class AuditLagWatch extends PeriodicMeasure implements BooleanSupplier {

    private static final Logger log = LoggerFactory.getLogger(AuditLagWatch.class);
    private static final Duration ADMIN_TIMEOUT = Duration.ofSeconds(5);

    private final Admin admin;
    private final AdmissionProperties.Audit audit;
    private final Clock clock;
    private volatile boolean behind;
    private volatile long measuredAt;
    private volatile Set<TopicPartition> partitions = Set.of();

    AuditLagWatch(Admin admin, AdmissionProperties.Audit audit, Duration interval, Clock clock) {
        super("audit-lag-watch", interval);
        this.admin = admin;
        this.audit = audit;
        this.clock = clock;
        this.measuredAt = clock.millis();
    }

    /** True while the audit service is further behind than allowed, as last measured. */
    @Override
    public boolean getAsBoolean() {
        return behind;
    }

    @Override
    void measure() {
        try {
            behind = measureBehind();
            measuredAt = clock.millis();
        } catch (Exception e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            boolean unknownTooLong = clock.millis() - measuredAt > audit.maxLag().toMillis();
            if (unknownTooLong && !behind) {
                log.warn("Audit lag not measured for {} s ({}); new disclosures wait until it is",
                    audit.maxLag().toSeconds(), e.getClass().getSimpleName());
            }
            behind = behind || unknownTooLong;
        }
    }

    private boolean measureBehind() throws Exception {
        Set<TopicPartition> known = partitions();
        if (known.isEmpty()) {
            return false;
        }
        Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(audit.group())
            .partitionsToOffsetAndMetadata().get(ADMIN_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        long oldestAllowed = clock.millis() - audit.maxLag().toMillis();
        Map<TopicPartition, ListOffsetsResultInfo> firstYoung = offsets(known, OffsetSpec.forTimestamp(oldestAllowed));
        Map<TopicPartition, OffsetSpec> allOld = new HashMap<>();
        for (TopicPartition partition : known) {
            long young = firstYoung.get(partition).offset();
            if (young < 0) {
                // No event is young enough: every event of the partition is old, so any not consumed is late.
                allOld.put(partition, OffsetSpec.latest());
            } else if (consumed(committed, partition) < young) {
                return true;
            }
        }
        if (allOld.isEmpty()) {
            return false;
        }
        Map<TopicPartition, ListOffsetsResultInfo> ends = admin.listOffsets(allOld).all()
            .get(ADMIN_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        return allOld.keySet().stream().anyMatch(partition -> consumed(committed, partition) < ends.get(partition).offset());
    }

    private static long consumed(Map<TopicPartition, OffsetAndMetadata> committed, TopicPartition partition) {
        OffsetAndMetadata offset = committed.get(partition);
        return offset == null ? 0 : offset.offset();
    }

    private Map<TopicPartition, ListOffsetsResultInfo> offsets(Set<TopicPartition> of, OffsetSpec spec)
            throws Exception {
        return admin.listOffsets(of.stream().collect(Collectors.toMap(partition -> partition, partition -> spec)))
            .all().get(ADMIN_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** The partitions of the audited topics, looked up until they exist; topics do not lose partitions. */
    private Set<TopicPartition> partitions() throws Exception {
        if (partitions.isEmpty()) {
            Map<String, TopicDescription> topics = admin.describeTopics(audit.topics()).allTopicNames()
                .get(ADMIN_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            partitions = topics.values().stream()
                .flatMap(topic -> topic.partitions().stream().map(p -> new TopicPartition(topic.name(), p.partition())))
                .collect(Collectors.toUnmodifiableSet());
        }
        return partitions;
    }

    @Override
    public void stop() {
        super.stop();
        admin.close(Duration.ofSeconds(1));
    }
}
