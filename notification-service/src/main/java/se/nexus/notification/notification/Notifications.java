package se.nexus.notification.notification;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The stored notifications. */
@Repository
class Notifications {

    private final JdbcClient jdbc;

    Notifications(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    Notification insert(Notification n) {
        return jdbc.sql("""
                INSERT INTO notifications (id, agency, function_address, referral_id, subject_ref, trigger_event_id,
                    trigger_event_type, urgency, created_at, deadline)
                VALUES (:id, :agency, :address, :referralId, :subjectRef, :triggerId, :triggerType, :urgency,
                    :createdAt, :deadline)
                RETURNING *""")
            .param("id", n.id())
            .param("agency", n.agency())
            .param("address", n.functionAddress())
            .param("referralId", n.referralId())
            .param("subjectRef", n.subjectRef())
            .param("triggerId", n.triggerEventId())
            .param("triggerType", n.triggerEventType().name())
            .param("urgency", n.urgency().name())
            .param("createdAt", Timestamp.from(n.createdAt()))
            .param("deadline", Timestamp.from(n.deadline()))
            .query(Notifications::map)
            .single();
    }

    Optional<Notification> find(UUID id, String agency) {
        return jdbc.sql("SELECT * FROM notifications WHERE id = ? AND agency = ?").param(id).param(agency)
            .query(Notifications::map).optional();
    }

    /** Marks it acknowledged unless it already was; returns whether this call did. */
    boolean acknowledge(UUID id, String userRef, Instant at) {
        return jdbc.sql("""
                UPDATE notifications SET acknowledged_at = :at, acknowledged_by = :user
                WHERE id = :id AND acknowledged_at IS NULL""")
            .param("at", Timestamp.from(at)).param("user", userRef).param("id", id)
            .update() == 1;
    }

    List<Notification> inbox(InboxQuery query) {
        return jdbc.sql("SELECT * FROM notifications WHERE " + InboxQuery.WHERE
                + " ORDER BY seq DESC LIMIT :limit OFFSET :offset")
            .paramSource(query.parameters())
            .query(Notifications::map)
            .list();
    }

    long count(InboxQuery query) {
        return jdbc.sql("SELECT count(*) FROM notifications WHERE " + InboxQuery.WHERE)
            .paramSource(query.parameters()).query(Long.class).single();
    }

    static Notification map(ResultSet row, int rowNumber) throws SQLException {
        return new Notification(row.getObject("id", UUID.class), row.getLong("seq"), row.getString("agency"),
            row.getString("function_address"), row.getObject("referral_id", UUID.class), row.getString("subject_ref"),
            row.getObject("trigger_event_id", UUID.class), CaseEventType.valueOf(row.getString("trigger_event_type")),
            Urgency.valueOf(row.getString("urgency")), instant(row, "created_at"), instant(row, "deadline"),
            instant(row, "acknowledged_at"), row.getString("acknowledged_by"), instant(row, "escalated_at"));
    }

    private static Instant instant(ResultSet row, String column) throws SQLException {
        Timestamp value = row.getTimestamp(column);
        return value == null ? null : value.toInstant();
    }
}
