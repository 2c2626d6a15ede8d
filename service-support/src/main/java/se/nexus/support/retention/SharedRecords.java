package se.nexus.support.retention;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.springframework.jdbc.core.simple.JdbcClient;

/** The retention of the records the shared mechanisms keep: each deletes the oldest first, batch by batch. */
final class SharedRecords {

    private SharedRecords() {
    }

    /** Outbox rows published longer ago than {@code nexus.retention.published-events}; unpublished rows never. */
    static RetentionPolicy publishedEvents(JdbcClient jdbc, Duration period) {
        // In id order, which is the order rows are published in: the expired ones come first, found by the key.
        return policy(RecordClass.of("published-events", period), period, jdbc, """
                DELETE FROM outbox WHERE id IN (
                    SELECT id FROM outbox WHERE published_at < :cutoff ORDER BY id LIMIT :limit FOR UPDATE SKIP LOCKED)""");
    }

    /** Ids of consumed events older than {@code nexus.retention.processed-events}. */
    static RetentionPolicy processedEvents(JdbcClient jdbc, Duration period) {
        return policy(RecordClass.of("processed-events", period), period, jdbc, """
                DELETE FROM processed_events WHERE event_id IN (
                    SELECT event_id FROM processed_events WHERE processed_at < :cutoff
                    ORDER BY processed_at LIMIT :limit FOR UPDATE SKIP LOCKED)""");
    }

    /**
     * Idempotency records older than their time to live ({@code nexus.idempotency.ttl}): a key past it is not
     * honoured any more, so its stored first answer serves nothing.
     */
    static RetentionPolicy idempotencyRecords(JdbcClient jdbc, Duration ttl) {
        return policy(RecordClass.of("idempotency-records", ttl), ttl, jdbc, """
                DELETE FROM idempotency_keys WHERE (agency, idempotency_key) IN (
                    SELECT agency, idempotency_key FROM idempotency_keys WHERE created_at < :cutoff
                    ORDER BY created_at LIMIT :limit FOR UPDATE SKIP LOCKED)""");
    }

    private static RetentionPolicy policy(RecordClass recordClass, Duration period, JdbcClient jdbc, String delete) {
        return new RetentionPolicy() {
            @Override
            public List<RecordClass> recordClasses() {
                return List.of(recordClass);
            }

            @Override
            public Map<String, Integer> purge(Instant now, int limit) {
                int deleted = jdbc.sql(delete).param("cutoff", Timestamp.from(now.minus(period)))
                    .param("limit", limit).update();
                return Map.of(recordClass.name(), deleted);
            }
        };
    }
}
