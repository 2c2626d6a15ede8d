package se.nexus.referral.handover;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.List;
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

    List<Handover> page(Box box, String agency, Handover.Status status, int page, int size) {
        return jdbc.sql("SELECT * FROM handovers WHERE " + box.column + " = :agency"
                + " AND (CAST(:status AS TEXT) IS NULL OR status = :status)"
                + " ORDER BY created_at DESC, id LIMIT :limit OFFSET :offset")
            .param("agency", agency)
            .param("status", status == null ? null : status.name())
            .param("limit", size)
            .param("offset", (long) page * size)
            .query(Handovers::map)
            .list();
    }

    long count(Box box, String agency, Handover.Status status) {
        return jdbc.sql("SELECT count(*) FROM handovers WHERE " + box.column + " = :agency"
                + " AND (CAST(:status AS TEXT) IS NULL OR status = :status)")
            .param("agency", agency)
            .param("status", status == null ? null : status.name())
            .query(Long.class)
            .single();
    }

    /** Which handovers a list shows: those the caller's agency asked for, or those asked of it. */
    enum Box {
        SENT("from_agency"), RECEIVED("to_agency");

        private final String column;

        Box(String column) {
            this.column = column;
        }
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
