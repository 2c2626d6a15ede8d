package se.nexus.audit.followup;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The raised flags and what the follow-up knows of each case's parties. */
@Repository
class Flags {

    private final JdbcClient jdbc;

    Flags(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Raises a flag unless one with the same key exists (a redelivered event, the same user's same hour). */
    void raise(String dedupeKey, String kind, long position, String agency, String userRef, String referralId,
            String subjectRef, Instant at) {
        jdbc.sql("""
                INSERT INTO access_flags (kind, dedupe_key, entry_position, agency, user_ref, referral_id, subject_ref,
                    raised_at)
                VALUES (:kind, :key, :position, :agency, :userRef, :referralId, :subjectRef, :at)
                ON CONFLICT (dedupe_key) DO NOTHING""")
            .param("kind", kind).param("key", dedupeKey).param("position", position).param("agency", agency)
            .param("userRef", userRef).param("referralId", referralId).param("subjectRef", subjectRef)
            .param("at", Timestamp.from(at))
            .update();
    }

    List<Flag> page(boolean reviewed, int page, int size) {
        return jdbc.sql("SELECT * FROM access_flags WHERE (reviewed_at IS NOT NULL) = ? ORDER BY id DESC LIMIT ? OFFSET ?")
            .param(reviewed).param(size).param((long) page * size)
            .query(Flags::map).list();
    }

    long count(boolean reviewed) {
        return jdbc.sql("SELECT count(*) FROM access_flags WHERE (reviewed_at IS NOT NULL) = ?").param(reviewed)
            .query(Long.class).single();
    }

    Optional<Flag> find(long id) {
        return jdbc.sql("SELECT * FROM access_flags WHERE id = ?").param(id).query(Flags::map).optional();
    }

    /** Marks an open flag reviewed; false when it was reviewed already. */
    boolean review(long id, String code, String agency, String userRef, Instant at) {
        return jdbc.sql("""
                UPDATE access_flags SET reviewed_at = :at, review_code = :code, reviewed_agency = :agency,
                    reviewed_by = :userRef
                WHERE id = :id AND reviewed_at IS NULL""")
            .param("at", Timestamp.from(at)).param("code", code).param("agency", agency).param("userRef", userRef)
            .param("id", id)
            .update() == 1;
    }

    /** Notes what a case event says of the case: its person's protection, an agency party to it, whether it ended. */
    void noteCase(String referralId, Boolean protectedIdentity, List<String> agencies, boolean ended) {
        jdbc.sql("""
                INSERT INTO case_parties (referral_id, protected_identity, parties, open)
                VALUES (:id, COALESCE(:protected, false), :parties, NOT :ended)
                ON CONFLICT (referral_id) DO UPDATE SET
                    protected_identity = case_parties.protected_identity OR COALESCE(:protected, false),
                    parties = ARRAY(SELECT DISTINCT unnest(case_parties.parties || EXCLUDED.parties)),
                    open = case_parties.open AND NOT :ended""")
            .param("id", referralId).param("protected", protectedIdentity)
            .param("parties", agencies.toArray(String[]::new)).param("ended", ended)
            .update();
    }

    /** Whether a read of this case by this agency looks wrong: a protected person, and no open part in the case. */
    boolean isProtectedAndNotOpenTo(String referralId, String agency) {
        return jdbc.sql("""
                SELECT count(*) FROM case_parties
                WHERE referral_id = ? AND protected_identity AND NOT (open AND ? = ANY (parties))""")
            .param(referralId).param(agency).query(Long.class).single() > 0;
    }

    /** The distinct cases a person read in the hour up to {@code until}. */
    long distinctCasesRead(String agency, String userRef, Instant until) {
        return jdbc.sql("""
                SELECT count(DISTINCT referral_id) FROM audit_entries
                WHERE event_type = 'se.nexus.events.access.CaseAccessed' AND acting_agency = ? AND acting_user_ref = ?
                    AND occurred_at > ? AND occurred_at <= ? AND details LIKE '%"holder":"PERSON"%'""")
            .param(agency).param(userRef).param(Timestamp.from(until.minusSeconds(3600))).param(Timestamp.from(until))
            .query(Long.class).single();
    }

    private static Flag map(ResultSet row, int rowNumber) throws SQLException {
        return new Flag(row.getLong("id"), row.getString("kind"), row.getLong("entry_position"), row.getString("agency"),
            row.getString("user_ref"), row.getString("referral_id"), row.getString("subject_ref"),
            instant(row, "raised_at"), instant(row, "reviewed_at"), row.getString("reviewed_agency"),
            row.getString("reviewed_by"), row.getString("review_code"));
    }

    private static Instant instant(ResultSet row, String column) throws SQLException {
        Timestamp value = row.getTimestamp(column);
        return value == null ? null : value.toInstant();
    }
}
