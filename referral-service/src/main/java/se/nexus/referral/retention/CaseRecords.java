package se.nexus.referral.retention;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import se.nexus.referral.referral.ReferralStatus;

/**
 * The case records as retention sees them: the legal hold on a referral's row, and the deletion of ended cases
 * with everything that belongs to them. The features that own these tables never delete; retention alone does.
 */
@Repository
class CaseRecords {

    /** An expired referral, locked for deletion. */
    record Expired(UUID id, String subjectRef) {
    }

    /** A referral's row as a hold sees it: its hold, or null when it is not held. */
    record HoldState(LegalHold hold) {
    }

    private final JdbcClient jdbc;

    CaseRecords(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Locks the referral's row and reads its hold; empty if there is no such referral. */
    Optional<HoldState> lockHold(UUID referralId) {
        return jdbc.sql("SELECT legal_hold_reason, legal_hold_since FROM referrals WHERE id = ? FOR UPDATE")
            .param(referralId)
            .query((row, n) -> new HoldState(row.getString(1) == null ? null : new LegalHold(referralId,
                LegalHoldReason.valueOf(row.getString(1)), row.getTimestamp(2).toInstant())))
            .optional();
    }

    void hold(LegalHold hold) {
        jdbc.sql("UPDATE referrals SET legal_hold_reason = ?, legal_hold_since = ? WHERE id = ?")
            .param(hold.reason().name()).param(Timestamp.from(hold.since())).param(hold.referralId()).update();
    }

    void release(UUID referralId) {
        jdbc.sql("UPDATE referrals SET legal_hold_reason = NULL, legal_hold_since = NULL WHERE id = ?")
            .param(referralId).update();
    }

    /**
     * Ended referrals whose case ended before the cutoff and that are not held, oldest first, locked; rows another
     * transaction holds (a hold being placed, say) are skipped, and a hold committed meanwhile is seen, since placing
     * it changed the very row.
     */
    List<Expired> lockExpiredReferrals(Instant endedBefore, int limit) {
        return jdbc.sql("""
                SELECT id, subject_ref FROM referrals
                WHERE status IN (:ended) AND updated_at < :cutoff AND legal_hold_reason IS NULL
                ORDER BY updated_at LIMIT :limit FOR UPDATE SKIP LOCKED""")
            .param("ended", ReferralStatus.endedNames())
            .param("cutoff", Timestamp.from(endedBefore))
            .param("limit", limit)
            .query(Expired.class).list();
    }

    int deleteHistory(UUID[] referralIds) {
        return jdbc.sql("DELETE FROM referral_history WHERE referral_id = ANY(?)").param(referralIds).update();
    }

    int deleteHandovers(UUID[] referralIds) {
        return jdbc.sql("DELETE FROM handovers WHERE referral_id = ANY(?)").param(referralIds).update();
    }

    int deleteReferrals(UUID[] referralIds) {
        return jdbc.sql("DELETE FROM referrals WHERE id = ANY(?)").param(referralIds).update();
    }

    /** Whether any referral about the subject is left, in any status. */
    boolean anyReferralAbout(String subjectRef) {
        return jdbc.sql("SELECT EXISTS (SELECT 1 FROM referrals WHERE subject_ref = ?)").param(subjectRef)
            .query(Boolean.class).single();
    }

    /**
     * Deletes consents that ended before the cutoff and that no referral left relies on (a held one included).
     * An ended consent cannot be cited again, so none can come to rely on it meanwhile.
     */
    int deleteEndedConsents(Instant endedBefore, int limit) {
        return jdbc.sql("""
                DELETE FROM consents WHERE id IN (
                    SELECT c.id FROM consents c
                    WHERE c.status <> 'ACTIVE' AND c.ended_at < :cutoff
                      AND NOT EXISTS (SELECT 1 FROM referrals r WHERE r.consent_id = c.id)
                    ORDER BY c.ended_at LIMIT :limit FOR UPDATE SKIP LOCKED)""")
            .param("cutoff", Timestamp.from(endedBefore))
            .param("limit", limit)
            .update();
    }
}
