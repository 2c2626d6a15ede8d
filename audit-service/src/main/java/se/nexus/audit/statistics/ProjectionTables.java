package se.nexus.audit.statistics;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

import se.nexus.audit.statistics.ProjectionBatch.OpenCase;
import se.nexus.audit.statistics.ProjectionBatch.OpenNotification;

/** The statistics tables as the projection writes them, each batch's changes as a few JDBC batches. */
@Repository
@Transactional(propagation = Propagation.MANDATORY)
class ProjectionTables {

    /** Every table of the projection except the cursor: what a rebuild empties. */
    private static final List<String> TABLES = List.of("statistics_counts", "statistics_persons",
        "statistics_durations", "statistics_open_cases", "statistics_open_notifications");

    private final JdbcClient jdbc;
    private final JdbcTemplate batches;

    ProjectionTables(JdbcClient jdbc, JdbcTemplate batches) {
        this.jdbc = jdbc;
        this.batches = batches;
    }

    Cursor lockCursor() {
        return jdbc.sql("SELECT position, key_fingerprint FROM statistics_cursor FOR UPDATE")
            .query((rs, row) -> new Cursor(rs.getLong(1), rs.getBytes(2))).single();
    }

    void moveCursor(long position) {
        jdbc.sql("UPDATE statistics_cursor SET position = ?").param(position).update();
    }

    /** Empties the projection, to be built again from the start of the chain under the key with this fingerprint. */
    void reset(byte[] keyFingerprint) {
        TABLES.forEach(table -> jdbc.sql("DELETE FROM " + table).update());
        jdbc.sql("UPDATE statistics_cursor SET position = 0, key_fingerprint = ?").param(keyFingerprint).update();
    }

    Map<String, OpenCase> openCases(Collection<String> keys) {
        return open("SELECT case_key, submitted_at, month, urgency, received FROM statistics_open_cases "
            + "WHERE case_key = ANY(?)", keys, (rs, row) -> new OpenCase(rs.getObject(2, OffsetDateTime.class)
                .toInstant(), rs.getString(3), rs.getString(4), rs.getBoolean(5)));
    }

    Map<String, OpenNotification> openNotifications(Collection<String> keys) {
        return open("SELECT notification_key, month, urgency, deadline FROM statistics_open_notifications "
            + "WHERE notification_key = ANY(?)", keys, (rs, row) -> {
                OffsetDateTime deadline = rs.getObject(4, OffsetDateTime.class);
                return new OpenNotification(rs.getString(2), rs.getString(3),
                    deadline == null ? null : deadline.toInstant());
            });
    }

    void write(ProjectionBatch batch) {
        writeCounts(batch);
        batches.batchUpdate("INSERT INTO statistics_persons (month, person) VALUES (?, ?) ON CONFLICT DO NOTHING",
            batch.persons, 1000, (ps, seen) -> {
                ps.setString(1, seen.month());
                ps.setBytes(2, bytes(seen.person()));
            });
        batches.batchUpdate("INSERT INTO statistics_durations (month, urgency, kind, millis) VALUES (?, ?, ?, ?)",
            batch.durations, 1000, (ps, sample) -> {
                ps.setString(1, sample.month());
                ps.setString(2, sample.urgency());
                ps.setString(3, sample.kind());
                ps.setLong(4, sample.millis());
            });
        writeOpenCases(batch.cases);
        writeOpenNotifications(batch.notifications);
    }

    private void writeCounts(ProjectionBatch batch) {
        batches.batchUpdate("INSERT INTO statistics_counts (month, measure, category, count) VALUES (?, ?, ?, ?) "
                + "ON CONFLICT (month, measure, category) "
                + "DO UPDATE SET count = statistics_counts.count + EXCLUDED.count",
            new ArrayList<>(batch.counts.entrySet()), 1000, (ps, count) -> {
                ps.setString(1, count.getKey().month());
                ps.setString(2, count.getKey().measure().column());
                ps.setString(3, count.getKey().category());
                ps.setLong(4, count.getValue());
            });
    }

    private void writeOpenCases(ProjectionBatch.OpenItems<OpenCase> cases) {
        delete("DELETE FROM statistics_open_cases WHERE case_key = ?", cases.removed);
        batches.batchUpdate("INSERT INTO statistics_open_cases (case_key, submitted_at, month, urgency, received) "
                + "VALUES (?, ?, ?, ?, ?) ON CONFLICT (case_key) DO UPDATE SET submitted_at = EXCLUDED.submitted_at, "
                + "month = EXCLUDED.month, urgency = EXCLUDED.urgency, received = EXCLUDED.received",
            new ArrayList<>(cases.changed.entrySet()), 1000, (ps, open) -> {
                ps.setBytes(1, bytes(open.getKey()));
                ps.setObject(2, time(open.getValue().submittedAt()));
                ps.setString(3, open.getValue().month());
                ps.setString(4, open.getValue().urgency());
                ps.setBoolean(5, open.getValue().received());
            });
    }

    private void writeOpenNotifications(ProjectionBatch.OpenItems<OpenNotification> notifications) {
        delete("DELETE FROM statistics_open_notifications WHERE notification_key = ?", notifications.removed);
        batches.batchUpdate("INSERT INTO statistics_open_notifications (notification_key, month, urgency, deadline) "
                + "VALUES (?, ?, ?, ?) ON CONFLICT (notification_key) DO UPDATE SET month = EXCLUDED.month, "
                + "urgency = EXCLUDED.urgency, deadline = EXCLUDED.deadline",
            new ArrayList<>(notifications.changed.entrySet()), 1000, (ps, open) -> {
                ps.setBytes(1, bytes(open.getKey()));
                ps.setString(2, open.getValue().month());
                ps.setString(3, open.getValue().urgency());
                ps.setObject(4, time(open.getValue().deadline()));
            });
    }

    private void delete(String sql, Collection<String> keys) {
        batches.batchUpdate(sql, new ArrayList<>(keys), 1000, (ps, key) -> ps.setBytes(1, bytes(key)));
    }

    private <V> Map<String, V> open(String sql, Collection<String> keys, RowMapper<V> row) {
        Map<String, V> open = new HashMap<>();
        if (keys.isEmpty()) {
            return open;
        }
        byte[][] hashes = keys.stream().map(ProjectionTables::bytes).toArray(byte[][]::new);
        jdbc.sql(sql).param(hashes).query(rs -> {
            open.put(ProjectionBatch.HEX.formatHex(rs.getBytes(1)), row.mapRow(rs, 0));
        });
        return open;
    }

    private static byte[] bytes(String hex) {
        return ProjectionBatch.HEX.parseHex(hex);
    }

    private static OffsetDateTime time(Instant instant) {
        return instant == null ? null : instant.atOffset(ZoneOffset.UTC);
    }

    /** The last position projected, and the fingerprint of the key it was projected under (null before any run). */
    record Cursor(long position, byte[] keyFingerprint) {
    }
}
