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
                    trigger_event_type, urgency, created_at, deadline, escalation_of, overdue_agency)
                VALUES (:id, :agency, :address, :referralId, :subjectRef, :triggerId, :triggerType, :urgency,
                    :createdAt, :deadline, :escalationOf, :overdueAgency)
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
            .param("escalationOf", n.escalationOf())
            .param("overdueAgency", n.overdueAgency())
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

    /**
     * Locks unacknowledged case notifications past their deadline that were not escalated yet; rows another
     * instance is escalating right now are skipped, so each is escalated by one instance only.
     */
    List<Notification> lockDue(Instant now, int limit) {
        return jdbc.sql("""
                SELECT * FROM notifications
                WHERE deadline <= :now AND acknowledged_at IS NULL AND escalated_at IS NULL AND escalation_of IS NULL
                ORDER BY deadline
                LIMIT :limit
                FOR UPDATE SKIP LOCKED""")
            .param("now", Timestamp.from(now)).param("limit", limit)
            .query(Notifications::map)
            .list();
    }

    /** Marks it escalated unless it already was; returns whether this call did. */
    boolean markEscalated(UUID id, Instant at) {
        return jdbc.sql("UPDATE notifications SET escalated_at = :at WHERE id = :id AND escalated_at IS NULL")
            .param("at", Timestamp.from(at)).param("id", id)
            .update() == 1;
    }

    /** The agency's notifications after a sequence number, oldest first, at most {@code limit}. */
    List<Notification> after(String agency, long seq, int limit) {
        return jdbc.sql("SELECT * FROM notifications WHERE agency = ? AND seq > ? ORDER BY seq LIMIT ?")
            .param(agency).param(seq).param(limit)
            .query(Notifications::map)
            .list();
    }

    long latestSeq(String agency) {
        return jdbc.sql("SELECT coalesce(max(seq), 0) FROM notifications WHERE agency = ?").param(agency)
            .query(Long.class).single();
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
            instant(row, "acknowledged_at"), row.getString("acknowledged_by"), instant(row, "escalated_at"),
            row.getObject("escalation_of", UUID.class), row.getString("overdue_agency"));
    }

    private static Instant instant(ResultSet row, String column) throws SQLException {
        Timestamp value = row.getTimestamp(column);
        return value == null ? null : value.toInstant();
    }
}
