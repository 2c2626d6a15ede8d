package se.nexus.referral.handover;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The stored handovers. */
@Repository
class Handovers {

    private final JdbcClient jdbc;

    Handovers(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void insert(Handover h) {
        jdbc.sql("""
                INSERT INTO handovers (id, referral_id, from_agency, to_agency, reason, status, created_at)
                VALUES (:id, :referralId, :from, :to, :reason, :status, :createdAt)""")
            .param("id", h.id()).param("referralId", h.referralId()).param("from", h.fromAgency())
            .param("to", h.toAgency()).param("reason", h.reason().name()).param("status", h.status().name())
            .param("createdAt", Timestamp.from(h.createdAt()))
            .update();
    }

    void update(Handover h) {
        jdbc.sql("UPDATE handovers SET status = :status, decline_reason = :declineReason, decided_at = :decidedAt WHERE id = :id")
            .param("status", h.status().name())
            .param("declineReason", h.declineReason() == null ? null : h.declineReason().name())
            .param("decidedAt", h.decidedAt() == null ? null : Timestamp.from(h.decidedAt()))
            .param("id", h.id())
            .update();
    }

    Optional<Handover> find(UUID id) {
        return jdbc.sql("SELECT * FROM handovers WHERE id = ?").param(id).query(Handovers::map).optional();
    }

    Optional<Handover> pendingOf(UUID referralId) {
        return jdbc.sql("SELECT * FROM handovers WHERE referral_id = ? AND status = 'PENDING'")
            .param(referralId).query(Handovers::map).optional();
    }

    boolean hasPending(UUID referralId) {
        return jdbc.sql("SELECT count(*) FROM handovers WHERE referral_id = ? AND status = 'PENDING'")
            .param(referralId).query(Long.class).single() > 0;
    }

    private static Handover map(ResultSet row, int rowNumber) throws SQLException {
        String decline = row.getString("decline_reason");
        Timestamp decided = row.getTimestamp("decided_at");
        return new Handover(row.getObject("id", UUID.class), row.getObject("referral_id", UUID.class),
            row.getString("from_agency"), row.getString("to_agency"), Handover.Reason.valueOf(row.getString("reason")),
            Handover.Status.valueOf(row.getString("status")),
            decline == null ? null : Handover.DeclineReason.valueOf(decline),
            row.getTimestamp("created_at").toInstant(), decided == null ? null : decided.toInstant());
    }
}
