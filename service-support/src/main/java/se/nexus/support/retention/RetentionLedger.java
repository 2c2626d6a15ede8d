package se.nexus.support.retention;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;

import se.nexus.events.EventMetadata;
import se.nexus.events.retention.PurgedRecords;
import se.nexus.events.retention.RecordsPurged;
import se.nexus.schemas.Topics;
import se.nexus.support.outbox.Outbox;

/**
 * What runs have deleted and not yet reported (table {@code retention_purges}): written by each batch in its own
 * transaction, turned into one {@code RecordsPurged} event per run through the outbox, and cleared in that
 * transaction.
 */
class RetentionLedger {

    static final String ACTING_AGENCY = "nexus";
    static final String ACTING_USER = "system:retention";

    private final JdbcClient jdbc;
    private final Outbox outbox;
    private final String service;

    RetentionLedger(JdbcClient jdbc, Outbox outbox, String service) {
        this.jdbc = jdbc;
        this.outbox = outbox;
        this.service = service;
    }

    /** Adds a batch's counts to the run's, in the batch's transaction (the caller's). */
    void add(UUID run, Instant startedAt, Map<String, Integer> deleted, Map<String, String> periods) {
        deleted.forEach((recordClass, count) -> {
            if (count > 0) {
                jdbc.sql("""
                        INSERT INTO retention_purges (run_id, record_class, purged, retained_for, started_at)
                        VALUES (:run, :recordClass, :count, :retainedFor, :startedAt)
                        ON CONFLICT (run_id, record_class) DO UPDATE SET purged = retention_purges.purged + EXCLUDED.purged""")
                    .param("run", run)
                    .param("recordClass", recordClass)
                    .param("count", count)
                    .param("retainedFor", periods.getOrDefault(recordClass, "unknown"))
                    .param("startedAt", Timestamp.from(startedAt))
                    .update();
            }
        });
    }

    /**
     * Publishes one event per run in the ledger (this one, and any that stopped before reporting) and clears them;
     * what this run deleted, by record class. In a transaction of the caller's.
     */
    Map<String, Long> report(UUID run, Instant now) {
        Map<UUID, List<PurgedRecords>> runs = new LinkedHashMap<>();
        jdbc.sql("""
                SELECT run_id, record_class, purged, retained_for FROM retention_purges
                ORDER BY started_at, run_id, record_class FOR UPDATE""")
            .query(Row.class).list()
            .forEach(row -> runs.computeIfAbsent(row.runId(), id -> new ArrayList<>())
                .add(new PurgedRecords(row.recordClass(), row.purged(), row.retainedFor())));
        runs.forEach((id, purged) -> publish(id, purged, now));
        jdbc.sql("DELETE FROM retention_purges WHERE run_id = ANY(?)").param(runs.keySet().toArray(UUID[]::new)).update();
        Map<String, Long> ours = new LinkedHashMap<>();
        runs.getOrDefault(run, List.of()).forEach(each -> ours.put(each.getRecordClass(), each.getCount()));
        return ours;
    }

    record Row(UUID runId, String recordClass, long purged, String retainedFor) {
    }

    private void publish(UUID run, List<PurgedRecords> purged, Instant now) {
        UUID eventId = UUID.randomUUID();
        outbox.append(Topics.RETENTION, service, eventId, RecordsPurged.newBuilder()
            .setMetadata(EventMetadata.newBuilder().setEventId(eventId.toString()).setOccurredAt(now)
                .setProducer(service).setActingAgency(ACTING_AGENCY).setActingUserRef(ACTING_USER)
                .setCorrelationId(run.toString()).build())
            .setPurged(purged)
            .build());
    }
}
