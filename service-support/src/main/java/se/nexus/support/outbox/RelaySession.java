package se.nexus.support.outbox;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.NavigableSet;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.IntStream;

import javax.sql.DataSource;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;
import org.springframework.transaction.support.TransactionTemplate;
import se.nexus.support.locks.AdvisoryLocks;

/**
 * One relay's own database session: the key partitions it owns are session-level advisory locks of this session, and
 * its batches run on the same session, so a batch can only commit while the session, and with it the partitions,
 * is alive. Closing the session ends it, and the database releases every partition at once.
 *
 * <p>Each relay also holds the shared members lock for as long as its session lives, so a relay can count the
 * relays of its database and claim its share of the partitions (docs/architecture.md, section 5.1).
 */
final class RelaySession implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(RelaySession.class);
    /** Held shared by every running relay of the database, so that each can count them. */
    static final long MEMBERS_LOCK = AdvisoryLocks.RELAY_MEMBERS;
    /** The lock of partition {@code p} is {@code PARTITION_LOCKS + p}. */
    static final long PARTITION_LOCKS = AdvisoryLocks.RELAY_PARTITIONS;

    private final Connection connection;
    private final JdbcClient jdbc;
    private final TransactionTemplate transactions;
    private final OutboxProperties properties;
    private final NavigableSet<Integer> held = new TreeSet<>();
    private long nextClaim = System.nanoTime();

    private RelaySession(Connection connection, OutboxProperties properties) {
        var session = new SingleConnectionDataSource(connection, true);
        this.connection = connection;
        this.jdbc = JdbcClient.create(session);
        this.transactions = new TransactionTemplate(new DataSourceTransactionManager(session));
        this.properties = properties;
    }

    /**
     * Opens a session on a connection of its own (never a pooled one, whose session outlives its use) and joins the
     * members. The database ends the session, and frees its partitions, once it has been silent for
     * {@code session-timeout}, or that long past {@code send-timeout} inside a batch.
     */
    static RelaySession open(DataSource sessions, OutboxProperties properties) {
        Connection connection;
        try {
            connection = sessions.getConnection();
        } catch (SQLException e) {
            throw new CannotGetJdbcConnectionException("No database session for the outbox relay", e);
        }
        var session = new RelaySession(connection, properties);
        try {
            long silence = properties.sessionTimeout().toMillis();
            session.jdbc.sql("SET idle_session_timeout = " + silence).update();
            session.jdbc.sql("SET idle_in_transaction_session_timeout = "
                    + (properties.sendTimeout().toMillis() + silence)).update();
            // Never refused: no one takes the members lock exclusively.
            session.jdbc.sql("SELECT pg_try_advisory_lock_shared(?)").param(MEMBERS_LOCK).query(Boolean.class).single();
            return session;
        } catch (RuntimeException e) {
            session.close();
            throw e;
        }
    }

    JdbcClient jdbc() {
        return jdbc;
    }

    TransactionTemplate transactions() {
        return transactions;
    }

    /** The partitions this session owns, in ascending order. */
    Set<Integer> held() {
        return Set.copyOf(held);
    }

    boolean holdsNone() {
        return held.isEmpty();
    }

    boolean holdsAll() {
        return held.size() == properties.partitions();
    }

    Integer[] heldPartitions() {
        return held.toArray(Integer[]::new);
    }

    /**
     * Every {@code claim-interval}: gives up partitions beyond this relay's share, or claims free ones up to it. The
     * shares of the running relays add up to at least every partition, so a free partition always finds a relay.
     * Returns whether it was due.
     */
    boolean claimShareIfDue() {
        long now = System.nanoTime();
        if (now - nextClaim < 0) {
            return false;
        }
        nextClaim = now + properties.claimInterval().toNanos();
        int members = members();
        int share = (properties.partitions() + members - 1) / members;
        if (held.size() > share) {
            release(held.size() - share);
        } else if (held.size() < share) {
            claim(share - held.size());
        }
        return true;
    }

    private int members() {
        return jdbc.sql("""
                SELECT count(*) FROM pg_locks
                WHERE locktype = 'advisory' AND granted AND objsubid = 1
                  AND database = (SELECT oid FROM pg_database WHERE datname = current_database())
                  AND ((classid::bigint << 32) | objid::bigint) = ?""")
            .param(MEMBERS_LOCK)
            .query(Integer.class).single();
    }

    private void claim(int wanted) {
        Integer[] free = IntStream.range(0, properties.partitions()).filter(p -> !held.contains(p)).boxed()
            .toArray(Integer[]::new);
        // LIMIT stops the scan, and with it the try-locks, once enough partitions are claimed.
        List<Integer> claimed = jdbc.sql("SELECT p FROM unnest(?) AS p WHERE pg_try_advisory_lock(? + p) LIMIT ?")
            .params(free, PARTITION_LOCKS, wanted)
            .query(Integer.class).list();
        held.addAll(claimed);
        if (!claimed.isEmpty()) {
            log.info("Outbox relay claimed partitions {}; holds {}", claimed, held);
        }
    }

    private void release(int surplus) {
        Integer[] released = held.descendingSet().stream().limit(surplus).toArray(Integer[]::new);
        jdbc.sql("SELECT pg_advisory_unlock(? + p) FROM unnest(?) AS p")
            .params(PARTITION_LOCKS, released)
            .query(Boolean.class).list();
        held.removeAll(List.of(released));
        log.info("Outbox relay gave up partitions {} to the other relays; holds {}", List.of(released), held);
    }

    /** Ends the session: the database releases its partitions and its membership. */
    @Override
    public void close() {
        held.clear();
        try {
            connection.close();
        } catch (SQLException e) {
            log.debug("Outbox relay session closed with an error ({})", e.getMessage());
        }
    }
}
