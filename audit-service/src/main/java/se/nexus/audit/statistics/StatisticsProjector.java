package se.nexus.audit.statistics;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.json.JsonMapper;

/**
 * Keeps the statistics a projection of the audit chain: takes the entries after the last one projected, in position
 * order, and counts them and moves the cursor past them in one transaction, so each entry is counted exactly once and
 * a crash loses nothing. Appends hold their lock until they commit, so positions become visible in order and none is
 * skipped. Under another person key it starts again from the beginning of the chain.
 */
@Service
public class StatisticsProjector {

    private static final Logger log = LoggerFactory.getLogger(StatisticsProjector.class);
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final JdbcClient jdbc;
    private final ProjectionTables tables;
    private final PersonKey key;
    private final TransactionTemplate transactions;
    private final int batchSize;

    StatisticsProjector(JdbcClient jdbc, ProjectionTables tables, PersonKey key, TransactionTemplate transactions,
            StatisticsProperties properties) {
        this.jdbc = jdbc;
        this.tables = tables;
        this.key = key;
        this.transactions = transactions;
        this.batchSize = properties.batchSize();
    }

    /** Projects batches until the chain has no more entries; returns how many entries it projected. */
    public long catchUp() {
        long projected = 0;
        int batch;
        do {
            batch = projectNextBatch();
            projected += batch;
        } while (batch == batchSize);
        return projected;
    }

    /**
     * Projects the next batch in one transaction. The cursor row is locked first, so instances that run at once
     * take turns and the second sees where the first left off.
     */
    public int projectNextBatch() {
        return transactions.execute(status -> projectBatch());
    }

    private int projectBatch() {
        long cursor = cursorUnderThisKey();
        List<ProjectedEntry> entries = jdbc.sql("SELECT position, event_type, occurred_at, appended_at, referral_id, "
                + "subject_ref, details FROM audit_entries WHERE position > ? ORDER BY position LIMIT ?")
            .param(cursor).param(batchSize).query(StatisticsProjector::entry).list();
        if (entries.isEmpty()) {
            return 0;
        }
        ProjectionBatch.Keys keys = ProjectionBatch.keysOf(entries, key);
        ProjectionBatch batch = new ProjectionBatch(key, tables.openCases(keys.cases()),
            tables.openNotifications(keys.notifications()));
        entries.forEach(batch::apply);
        tables.write(batch);
        tables.moveCursor(entries.get(entries.size() - 1).position());
        return entries.size();
    }

    /** The last projected position; when the projection was built under another key, it is emptied and starts at 0. */
    private long cursorUnderThisKey() {
        ProjectionTables.Cursor cursor = tables.lockCursor();
        if (cursor.keyFingerprint() != null && Arrays.equals(cursor.keyFingerprint(), key.fingerprint())) {
            return cursor.position();
        }
        if (cursor.keyFingerprint() != null) {
            log.warn("The statistics person key has changed: the statistics are rebuilt from the start of the chain");
        }
        tables.reset(key.fingerprint());
        return 0;
    }

    private static ProjectedEntry entry(ResultSet rs, int row) throws SQLException {
        OffsetDateTime occurred = rs.getObject("occurred_at", OffsetDateTime.class);
        OffsetDateTime at = occurred != null ? occurred : rs.getObject("appended_at", OffsetDateTime.class);
        String details = rs.getString("details");
        return new ProjectedEntry(rs.getLong("position"), rs.getString("event_type"), at.toInstant(),
            rs.getString("referral_id"), rs.getString("subject_ref"),
            details == null ? JSON.createObjectNode() : JSON.readTree(details));
    }
}
