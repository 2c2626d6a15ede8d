package se.nexus.referral.consent;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import se.nexus.referral.referral.Purpose;

/** The stored consents. */
@Repository
class Consents {

    private final JdbcClient jdbc;

    Consents(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void insert(Consent consent) {
        jdbc.sql("""
                INSERT INTO consents (id, subject_ref, recorded_by, granted_to, purpose, data_categories,
                    valid_from, valid_until, obtained, status, created_at)
                VALUES (:id, :subjectRef, :recordedBy, :grantedTo, :purpose, :dataCategories, :validFrom,
                    :validUntil, :obtained, :status, :createdAt)""")
            .param("id", consent.id())
            .param("subjectRef", consent.subjectRef())
            .param("recordedBy", consent.recordedBy())
            .param("grantedTo", consent.grantedTo().toArray(String[]::new))
            .param("purpose", consent.purpose().name())
            .param("dataCategories", consent.dataCategories().toArray(String[]::new))
            .param("validFrom", consent.validFrom())
            .param("validUntil", consent.validUntil())
            .param("obtained", consent.obtained())
            .param("status", consent.status().name())
            .param("createdAt", Timestamp.from(consent.createdAt()))
            .update();
    }

    /** Ends an active consent; false if it was no longer active. */
    boolean end(UUID id, Consent.Status status, Instant at) {
        return jdbc.sql("UPDATE consents SET status = :status, ended_at = :at WHERE id = :id AND status = 'ACTIVE'")
            .param("status", status.name())
            .param("at", Timestamp.from(at))
            .param("id", id)
            .update() == 1;
    }

    Optional<Consent> find(UUID id) {
        return jdbc.sql("SELECT * FROM consents WHERE id = ?").param(id).query(Consents::map).optional();
    }

    List<Consent> ofSubject(String subjectRef) {
        return jdbc.sql("SELECT * FROM consents WHERE subject_ref = ? ORDER BY created_at DESC")
            .param(subjectRef).query(Consents::map).list();
    }

    /** Active consents past their last valid day, locked and skipped by other instances doing the same. */
    List<Consent> lockExpired(java.time.LocalDate today, int limit) {
        return jdbc.sql("""
                SELECT * FROM consents WHERE status = 'ACTIVE' AND valid_until < ?
                ORDER BY valid_until LIMIT ? FOR UPDATE SKIP LOCKED""")
            .param(today).param(limit).query(Consents::map).list();
    }

    private static Consent map(ResultSet row, int rowNumber) throws SQLException {
        Timestamp ended = row.getTimestamp("ended_at");
        return new Consent(row.getObject("id", UUID.class), row.getString("subject_ref"),
            row.getString("recorded_by"), Arrays.asList((String[]) row.getArray("granted_to").getArray()),
            Purpose.valueOf(row.getString("purpose")),
            Arrays.asList((String[]) row.getArray("data_categories").getArray()),
            row.getObject("valid_from", java.time.LocalDate.class), row.getObject("valid_until", java.time.LocalDate.class),
            row.getString("obtained"), Consent.Status.valueOf(row.getString("status")),
            row.getTimestamp("created_at").toInstant(), ended == null ? null : ended.toInstant());
    }
}
