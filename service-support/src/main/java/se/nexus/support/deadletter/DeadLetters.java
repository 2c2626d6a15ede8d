package se.nexus.support.deadletter;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.listener.ListenerExecutionFailedException;
import org.springframework.kafka.listener.TimestampedException;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * The dead letters and parked records of this service's consumer groups ({@code dead_letters}). Keeps a case's
 * events in order when one of them fails: the failed record is recorded DEAD, and later records of the same key in
 * the same group are parked behind it until an operator replays or resolves it (docs/architecture.md section 5.3).
 */
public class DeadLetters {

    private static final String COLUMNS = """
            id, consumer_group, topic, topic_partition, record_offset, message_key, status, event_type, reason,
            recorded_at, closed_at, closed_by_agency""";

    /** How many exception classes a reason names at most. */
    private static final int REASON_DEPTH = 3;

    private final JdbcClient jdbc;

    DeadLetters(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Records a record that failed after its retries as DEAD for its group, with what is needed to apply it later;
     * a redelivered record that was recorded already is left as it is. Runs on the consumer thread before the next
     * record of the partition is handled, so that the next record of the same key finds it.
     */
    public void recordDead(String group, ConsumerRecord<?, ?> record, Exception failure) {
        insert(group, record, DeadLetterStatus.DEAD, StoredRecord.of(record, failure), reason(failure));
    }

    /** Whether any record of this key waits in this group, read without a lock (see {@link SequencedDelivery}). */
    boolean anyOpen(String group, String key) {
        return jdbc.sql("""
                SELECT EXISTS (SELECT 1 FROM dead_letters WHERE consumer_group = ? AND message_key = ?
                               AND status IN ('DEAD', 'PARKED'))""")
            .params(group, key).query(Boolean.class).single();
    }

    /**
     * Parks the record if its key still has open rows in the group, holding them (FOR SHARE) so that a release in
     * progress is waited for and a release cannot begin until the record is parked; false if the key is free. Rows
     * are locked in arrival order, the order a release locks them in, so the two never deadlock.
     */
    @Transactional(propagation = Propagation.MANDATORY)
    boolean parkIfWaiting(String group, ConsumerRecord<?, ?> record) {
        List<UUID> open = jdbc.sql("""
                SELECT id FROM dead_letters WHERE consumer_group = ? AND message_key = ?
                AND status IN ('DEAD', 'PARKED') ORDER BY arrival FOR SHARE""")
            .params(group, key(record)).query(UUID.class).list();
        if (open.isEmpty()) {
            return false;
        }
        insert(group, record, DeadLetterStatus.PARKED, StoredRecord.of(record, null), null);
        return true;
    }

    /** The row, locked for the caller's transaction (FOR UPDATE), with its stored record. */
    @Transactional(propagation = Propagation.MANDATORY)
    Optional<Held> lock(UUID id) {
        return jdbc.sql("SELECT " + COLUMNS + ", payload_format, payload, signature, signing_key_id FROM dead_letters WHERE id = ? FOR UPDATE")
            .param(id).query(DeadLetters::held).optional();
    }

    /** The records parked behind dead letters of this key, oldest first, locked (FOR UPDATE). */
    @Transactional(propagation = Propagation.MANDATORY)
    List<Held> lockParked(String group, String key) {
        if (key == null) {
            return List.of();
        }
        return jdbc.sql("SELECT " + COLUMNS + ", payload_format, payload, signature, signing_key_id FROM dead_letters "
                + "WHERE consumer_group = ? AND message_key = ? AND status = 'PARKED' ORDER BY arrival FOR UPDATE")
            .params(group, key).query(DeadLetters::held).list();
    }

    /** Whether another dead letter of this key, besides {@code except}, is still DEAD in the group. */
    @Transactional(propagation = Propagation.MANDATORY)
    boolean otherDead(String group, String key, UUID except) {
        return key != null && jdbc.sql("""
                SELECT EXISTS (SELECT 1 FROM dead_letters WHERE consumer_group = ? AND message_key = ?
                               AND status = 'DEAD' AND id <> ?)""")
            .params(group, key, except).query(Boolean.class).single();
    }

    /** Closes a row; its payload is no longer needed and is not kept. */
    @Transactional(propagation = Propagation.MANDATORY)
    void close(UUID id, DeadLetterStatus status, String agency, Instant at) {
        jdbc.sql("""
                UPDATE dead_letters SET status = ?, closed_at = ?, closed_by_agency = ?, payload = NULL
                WHERE id = ?""")
            .params(status.name(), Timestamp.from(at), agency, id).update();
    }

    /** A parked record that failed in turn when released: it is the dead letter its key now waits behind. */
    @Transactional(propagation = Propagation.MANDATORY)
    void markDead(UUID id, Throwable failure) {
        jdbc.sql("UPDATE dead_letters SET status = 'DEAD', reason = ? WHERE id = ?").params(reason(failure), id).update();
    }

    @Transactional(readOnly = true)
    public Optional<DeadLetter> find(UUID id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM dead_letters WHERE id = ?").param(id)
            .query((rs, row) -> deadLetter(rs)).optional();
    }

    /** A page of rows, newest first, of one status or all. */
    @Transactional(readOnly = true)
    public List<DeadLetter> list(DeadLetterStatus status, int page, int size) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM dead_letters WHERE (CAST(? AS TEXT) IS NULL OR status = ?) "
                + "ORDER BY arrival DESC LIMIT ? OFFSET ?")
            .params(name(status), name(status), size, (long) page * size).query((rs, row) -> deadLetter(rs)).list();
    }

    @Transactional(readOnly = true)
    public long count(DeadLetterStatus status) {
        return jdbc.sql("SELECT count(*) FROM dead_letters WHERE (CAST(? AS TEXT) IS NULL OR status = ?)")
            .params(name(status), name(status)).query(Long.class).single();
    }

    /** Open rows of a group in a status, for the meters. */
    long countOpen(String group, DeadLetterStatus status) {
        return jdbc.sql("SELECT count(*) FROM dead_letters WHERE consumer_group = ? AND status = ?")
            .params(group, status.name()).query(Long.class).single();
    }

    private void insert(String group, ConsumerRecord<?, ?> record, DeadLetterStatus status, StoredRecord stored,
            String reason) {
        jdbc.sql("""
                INSERT INTO dead_letters (id, consumer_group, topic, topic_partition, record_offset, message_key, status,
                                          event_type, reason, payload_format, payload, signature, signing_key_id)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (consumer_group, topic, topic_partition, record_offset) DO NOTHING""")
            .params(UUID.randomUUID(), group, record.topic(), record.partition(), record.offset(), key(record),
                status.name(), stored.eventType(), reason, stored.format(), stored.payload(), stored.signature(),
                stored.signingKeyId())
            .update();
    }

    static String key(ConsumerRecord<?, ?> record) {
        return record.key() == null ? null : record.key().toString();
    }

    /**
     * The failure's exception classes, outermost first, without the container's own wrappers; never a message,
     * which could quote the record's content.
     */
    public static String reason(Throwable failure) {
        List<String> classes = new ArrayList<>();
        for (Throwable cause = failure; cause != null && classes.size() < REASON_DEPTH; cause = cause.getCause()) {
            if (!(cause instanceof ListenerExecutionFailedException) && !(cause instanceof TimestampedException)) {
                classes.add(cause.getClass().getName());
            }
            if (cause.getCause() == cause) {
                break;
            }
        }
        return classes.isEmpty() ? null : String.join(" < ", classes);
    }

    private static String name(DeadLetterStatus status) {
        return status == null ? null : status.name();
    }

    private static DeadLetter deadLetter(ResultSet rs) throws SQLException {
        Timestamp closed = rs.getTimestamp("closed_at");
        return new DeadLetter(rs.getObject("id", UUID.class), rs.getString("consumer_group"), rs.getString("topic"),
            rs.getInt("topic_partition"), rs.getLong("record_offset"), rs.getString("message_key"),
            DeadLetterStatus.valueOf(rs.getString("status")), rs.getString("event_type"), rs.getString("reason"),
            rs.getTimestamp("recorded_at").toInstant(), closed == null ? null : closed.toInstant(),
            rs.getString("closed_by_agency"));
    }

    private static Held held(ResultSet rs, int row) throws SQLException {
        return new Held(deadLetter(rs), new StoredRecord(rs.getString("payload_format"), rs.getString("event_type"),
            rs.getBytes("payload"), rs.getBytes("signature"), rs.getString("signing_key_id")));
    }

    /** A row locked by the caller's transaction, with what is needed to apply its record. */
    record Held(DeadLetter deadLetter, StoredRecord record) {
    }
}
