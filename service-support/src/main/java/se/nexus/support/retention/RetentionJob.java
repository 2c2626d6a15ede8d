package se.nexus.support.retention;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import javax.sql.DataSource;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.transaction.support.TransactionTemplate;

import se.nexus.support.locks.AdvisoryLocks;

/**
 * Deletes the records whose retention period has ended, policy by policy, in batches of
 * {@code nexus.retention.batch-size}, each its own transaction, until none is left; then publishes one
 * {@code RecordsPurged} event with how many of each class it deleted (docs/architecture.md section 5.5).
 *
 * <p>One run at a time across all instances of a service: a run holds a session advisory lock on a connection of
 * its own, and an instance that finds it taken skips its turn; if the instance dies, the connection closes and the
 * lock is free again. Each batch also adds its counts to a ledger ({@code retention_purges}) in its own transaction,
 * and the event is written from the ledger, in the transaction that clears it: a run that stopped half way is
 * reported by the next, so no deletion is ever left out of the audit chain.
 */
public class RetentionJob {

    private static final Logger log = LoggerFactory.getLogger(RetentionJob.class);
    private static final long RUN_LOCK = AdvisoryLocks.RETENTION_RUN;

    private final List<RetentionPolicy> policies;
    private final RetentionLedger ledger;
    private final DataSource dataSource;
    private final TransactionTemplate transactions;
    private final RetentionProperties properties;
    private final Clock clock;

    RetentionJob(List<RetentionPolicy> policies, RetentionLedger ledger, DataSource dataSource,
            TransactionTemplate transactions, RetentionProperties properties, Clock clock) {
        this.policies = List.copyOf(policies);
        this.ledger = ledger;
        this.dataSource = dataSource;
        this.transactions = transactions;
        this.properties = properties;
        this.clock = clock;
    }

    /**
     * One run: what it deleted, by record class; empty when nothing had expired, or when another instance is
     * running (then that one deletes it).
     */
    public Map<String, Long> run() {
        try (Connection connection = dataSource.getConnection()) {
            if (!lock(connection, "SELECT pg_try_advisory_lock(?)")) {
                log.debug("Another instance is running the retention job");
                return Map.of();
            }
            try {
                return runHoldingTheLock();
            } finally {
                lock(connection, "SELECT pg_advisory_unlock(?)");
            }
        } catch (SQLException e) {
            throw new IllegalStateException("The retention job could not take its lock", e);
        }
    }

    private Map<String, Long> runHoldingTheLock() {
        UUID run = UUID.randomUUID();
        Instant now = clock.instant();
        for (RetentionPolicy policy : policies) {
            Map<String, String> periods = new LinkedHashMap<>();
            policy.recordClasses().forEach(recordClass -> periods.put(recordClass.name(), recordClass.retainedFor()));
            while (!Thread.currentThread().isInterrupted() && purgeBatch(run, now, policy, periods)) {
                // A batch that deleted something may have left more; the next one finds out.
            }
        }
        Map<String, Long> purged = transactions.execute(status -> ledger.report(run, now));
        if (!purged.isEmpty()) {
            // Counts by record class only: never an id or anything the records held.
            log.info("Retention run {} deleted {}", run, purged);
        }
        return purged;
    }

    private boolean purgeBatch(UUID run, Instant now, RetentionPolicy policy, Map<String, String> periods) {
        Map<String, Integer> deleted = transactions.execute(status -> {
            Map<String, Integer> batch = policy.purge(now, properties.batchSize());
            ledger.add(run, now, batch, periods);
            return batch;
        });
        return deleted != null && deleted.values().stream().anyMatch(count -> count > 0);
    }

    private static boolean lock(Connection connection, String sql) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setLong(1, RUN_LOCK);
            try (ResultSet result = statement.executeQuery()) {
                return result.next() && result.getBoolean(1);
            }
        }
    }
}
