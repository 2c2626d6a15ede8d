package se.nexus.notification.webhook;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The stored webhook deliveries. */
@Repository
class WebhookDeliveries {

    /** Stands in for "no busy agency": {@code NOT IN ()} is not SQL, and no agency id is empty. */
    private static final String NO_AGENCY = "";

    private final JdbcClient jdbc;

    WebhookDeliveries(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void insert(WebhookDelivery d) {
        jdbc.sql("""
                INSERT INTO webhook_deliveries (id, notification_id, agency, kind, state, attempts, next_attempt_at,
                    created_at)
                VALUES (:id, :notificationId, :agency, :kind, :state, 0, :nextAttemptAt, :createdAt)""")
            .param("id", d.id()).param("notificationId", d.notificationId()).param("agency", d.agency())
            .param("kind", d.kind().name()).param("state", d.state().name())
            .param("nextAttemptAt", Timestamp.from(d.nextAttemptAt())).param("createdAt", Timestamp.from(d.createdAt()))
            .update();
    }

    /**
     * Claims due deliveries in one statement: at most {@code perAgency} per agency, none of the busy agencies,
     * {@code limit} in all, skipping rows another instance is claiming. A claim pushes the next attempt to the
     * end of the lease, so a delivery whose instance dies is attempted again once the lease ends.
     */
    List<WebhookDelivery> claim(Instant now, Collection<String> busyAgencies, int perAgency, int limit,
            Instant leaseUntil) {
        return jdbc.sql("""
                WITH ranked AS (
                    SELECT id, row_number() OVER (PARTITION BY agency ORDER BY next_attempt_at, id) AS place
                    FROM webhook_deliveries
                    WHERE state = 'PENDING' AND next_attempt_at <= :now AND agency NOT IN (:busy)
                ), claimable AS (
                    SELECT d.id FROM webhook_deliveries d JOIN ranked r ON r.id = d.id
                    WHERE r.place <= :perAgency AND d.state = 'PENDING' AND d.next_attempt_at <= :now
                    ORDER BY d.next_attempt_at
                    LIMIT :limit
                    FOR UPDATE OF d SKIP LOCKED
                )
                UPDATE webhook_deliveries d SET next_attempt_at = :leaseUntil
                FROM claimable c WHERE d.id = c.id
                RETURNING d.*""")
            .param("now", Timestamp.from(now))
            .param("busy", busyAgencies.isEmpty() ? List.of(NO_AGENCY) : busyAgencies)
            .param("perAgency", perAgency).param("limit", limit)
            .param("leaseUntil", Timestamp.from(leaseUntil))
            .query(WebhookDeliveries::map)
            .list();
    }

    void noteDelivered(UUID id, int attempts, Instant at) {
        jdbc.sql("""
                UPDATE webhook_deliveries SET state = 'DELIVERED', attempts = :attempts, delivered_at = :at,
                    last_error = NULL
                WHERE id = :id""")
            .param("attempts", attempts).param("at", Timestamp.from(at)).param("id", id)
            .update();
    }

    void noteFailed(UUID id, int attempts, String error, WebhookDelivery.State state, Instant nextAttemptAt) {
        jdbc.sql("""
                UPDATE webhook_deliveries SET state = :state, attempts = :attempts, last_error = :error,
                    next_attempt_at = :next
                WHERE id = :id""")
            .param("state", state.name()).param("attempts", attempts).param("error", error)
            .param("next", Timestamp.from(nextAttemptAt)).param("id", id)
            .update();
    }

    List<WebhookDelivery> of(UUID notificationId, String agency) {
        return jdbc.sql("SELECT * FROM webhook_deliveries WHERE notification_id = ? AND agency = ? ORDER BY created_at")
            .param(notificationId).param(agency)
            .query(WebhookDeliveries::map)
            .list();
    }

    static WebhookDelivery map(ResultSet row, int rowNumber) throws SQLException {
        return new WebhookDelivery(row.getObject("id", UUID.class), row.getObject("notification_id", UUID.class),
            row.getString("agency"), WebhookDelivery.Kind.valueOf(row.getString("kind")),
            WebhookDelivery.State.valueOf(row.getString("state")), row.getInt("attempts"),
            instant(row, "next_attempt_at"), row.getString("last_error"), instant(row, "created_at"),
            instant(row, "delivered_at"));
    }

    private static Instant instant(ResultSet row, String column) throws SQLException {
        Timestamp value = row.getTimestamp(column);
        return value == null ? null : value.toInstant();
    }
}
