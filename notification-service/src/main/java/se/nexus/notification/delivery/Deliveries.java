package se.nexus.notification.delivery;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The stored deliveries of every channel. */
@Repository
public class Deliveries {

    /** Stands in for "no busy agency": {@code NOT IN ()} is not SQL, and no agency id is empty. */
    private static final String NO_AGENCY = "";

    private final JdbcClient jdbc;

    Deliveries(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public void insert(Delivery d) {
        jdbc.sql("""
                INSERT INTO deliveries (id, notification_id, agency, channel, recipient, kind, digest, state, attempts,
                    next_attempt_at, created_at)
                VALUES (:id, :notificationId, :agency, :channel, :recipient, :kind, :digest, :state, 0, :nextAttemptAt,
                    :createdAt)""")
            .param("id", d.id()).param("notificationId", d.notificationId()).param("agency", d.agency())
            .param("channel", d.channel().name()).param("recipient", d.recipient()).param("digest", d.digest())
            .param("kind", d.kind().name()).param("state", d.state().name())
            .param("nextAttemptAt", Timestamp.from(d.nextAttemptAt())).param("createdAt", Timestamp.from(d.createdAt()))
            .update();
    }

    /**
     * Claims due deliveries of one channel in one statement: at most {@code perAgency} per agency, none of the busy agencies,
     * {@code limit} in all, skipping rows another instance is claiming. A claim pushes the next attempt to the
     * end of the lease, so a delivery whose instance dies is attempted again once the lease ends.
     */
    public List<Delivery> claim(Delivery.Channel channel, Instant now, Collection<String> busyAgencies, int perAgency,
            int limit, Instant leaseUntil) {
        return jdbc.sql("""
                WITH ranked AS (
                    SELECT id, row_number() OVER (PARTITION BY agency ORDER BY next_attempt_at, id) AS place
                    FROM deliveries
                    WHERE state = 'PENDING' AND channel = :channel AND next_attempt_at <= :now AND agency NOT IN (:busy)
                ), claimable AS (
                    SELECT d.id FROM deliveries d JOIN ranked r ON r.id = d.id
                    WHERE r.place <= :perAgency AND d.state = 'PENDING' AND d.next_attempt_at <= :now
                    ORDER BY d.next_attempt_at
                    LIMIT :limit
                    FOR UPDATE OF d SKIP LOCKED
                )
                UPDATE deliveries d SET next_attempt_at = :leaseUntil
                FROM claimable c WHERE d.id = c.id
                RETURNING d.*""")
            .param("now", Timestamp.from(now))
            .param("channel", channel.name())
            .param("busy", busyAgencies.isEmpty() ? List.of(NO_AGENCY) : busyAgencies)
            .param("perAgency", perAgency).param("limit", limit)
            .param("leaseUntil", Timestamp.from(leaseUntil))
            .query(Deliveries::map)
            .list();
    }

    public void noteDelivered(UUID id, int attempts, Instant at) {
        jdbc.sql("""
                UPDATE deliveries SET state = 'DELIVERED', attempts = :attempts, delivered_at = :at,
                    last_error = NULL
                WHERE id = :id""")
            .param("attempts", attempts).param("at", Timestamp.from(at)).param("id", id)
            .update();
    }

    public void noteFailed(UUID id, int attempts, String error, Delivery.State state, Instant nextAttemptAt) {
        jdbc.sql("""
                UPDATE deliveries SET state = :state, attempts = :attempts, last_error = :error,
                    next_attempt_at = :next
                WHERE id = :id""")
            .param("state", state.name()).param("attempts", attempts).param("error", error)
            .param("next", Timestamp.from(nextAttemptAt)).param("id", id)
            .update();
    }

    List<Delivery> of(UUID notificationId, String agency) {
        return jdbc.sql("SELECT * FROM deliveries WHERE notification_id = ? AND agency = ? ORDER BY created_at, channel")
            .param(notificationId).param(agency)
            .query(Deliveries::map)
            .list();
    }

    static Delivery map(ResultSet row, int rowNumber) throws SQLException {
        return new Delivery(row.getObject("id", UUID.class), row.getObject("notification_id", UUID.class),
            row.getString("agency"), Delivery.Channel.valueOf(row.getString("channel")), row.getString("recipient"),
            Delivery.Kind.valueOf(row.getString("kind")), row.getBoolean("digest"),
            Delivery.State.valueOf(row.getString("state")), row.getInt("attempts"),
            instant(row, "next_attempt_at"), row.getString("last_error"), instant(row, "created_at"),
            instant(row, "delivered_at"));
    }

    private static Instant instant(ResultSet row, String column) throws SQLException {
        Timestamp value = row.getTimestamp(column);
        return value == null ? null : value.toInstant();
    }
}
