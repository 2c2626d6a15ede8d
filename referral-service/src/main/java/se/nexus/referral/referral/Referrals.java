package se.nexus.referral.referral;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.springframework.dao.OptimisticLockingFailureException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import se.nexus.referral.protection.EncryptedText;
import se.nexus.referral.protection.SubjectKey;

/** The stored referrals. */
@Repository
public class Referrals {

    /**
     * Each referral with its subject's wrapped data key, if the subject has one, so that its text opens without
     * another query; once the subject is erased there is none, and the text stays shut.
     */
    private static final String SELECT = """
        SELECT r.*, k.id AS data_key_id, k.master_key_id AS data_key_master_key_id, k.wrapped_key AS data_key_wrapped
        FROM referrals r LEFT JOIN subject_keys k ON k.subject_ref = r.subject_ref
        """;

    private final JdbcClient jdbc;

    Referrals(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void insert(Referral referral) {
        jdbc.sql("""
                INSERT INTO referrals (id, from_agency, to_agency, owner_agency, subject_ref, protected_identity,
                    urgency, concerns, legal_basis_type, consent_id, provision_code, purpose, summary_key_id,
                    summary_ciphertext, status, created_at, updated_at, version)
                VALUES (:id, :from, :to, :owner, :subjectRef, :protected, :urgency, :concerns, :basisType,
                    :consentId, :provisionCode, :purpose, :keyId, :ciphertext, :status, :createdAt, :updatedAt, 0)""")
            .param("id", referral.id())
            .param("from", referral.fromAgency())
            .param("to", referral.toAgency())
            .param("owner", referral.ownerAgency())
            .param("subjectRef", referral.subject().ref())
            .param("protected", referral.subject().protectedIdentity())
            .param("urgency", referral.urgency().name())
            .param("concerns", referral.concerns().stream().map(Enum::name).toArray(String[]::new))
            .param("basisType", referral.legalBasis().type().name())
            .param("consentId", referral.legalBasis().consentId())
            .param("provisionCode", referral.legalBasis().provisionCode())
            .param("purpose", referral.purpose().name())
            .param("keyId", referral.summary() == null ? null : referral.summary().keyId())
            .param("ciphertext", referral.summary() == null ? null : referral.summary().ciphertext())
            .param("status", referral.status().name())
            .param("createdAt", java.sql.Timestamp.from(referral.createdAt()))
            .param("updatedAt", java.sql.Timestamp.from(referral.updatedAt()))
            .update();
    }

    /** Saves a changed referral; fails if another transaction changed it since it was read. */
    void update(Referral referral) {
        int updated = jdbc.sql("""
                UPDATE referrals SET owner_agency = :owner, status = :status, updated_at = :updatedAt,
                    decline_reason = :declineReason, decline_comment_key_id = :commentKeyId,
                    decline_comment_ciphertext = :commentCiphertext, version = version + 1
                WHERE id = :id AND version = :version""")
            .param("owner", referral.ownerAgency())
            .param("status", referral.status().name())
            .param("updatedAt", java.sql.Timestamp.from(referral.updatedAt()))
            .param("declineReason", referral.decline() == null ? null : referral.decline().reason().name())
            .param("commentKeyId", comment(referral) == null ? null : comment(referral).keyId())
            .param("commentCiphertext", comment(referral) == null ? null : comment(referral).ciphertext())
            .param("id", referral.id())
            .param("version", referral.version())
            .update();
        if (updated != 1) {
            throw new OptimisticLockingFailureException("Referral " + referral.id() + " changed concurrently");
        }
    }

    /**
     * Referrals with text still sealed directly under one of the master keys, locked, skipping those another
     * instance holds.
     */
    List<Referral> lockDirectTexts(Collection<String> masterKeyIds, int limit) {
        return jdbc.sql(SELECT + """
                WHERE (r.summary_key_id NOT LIKE 'dek:%' OR r.decline_comment_key_id NOT LIKE 'dek:%')
                  AND (r.summary_key_id IN (:keyIds) OR r.decline_comment_key_id IN (:keyIds))
                ORDER BY r.id LIMIT :limit FOR UPDATE OF r SKIP LOCKED""")
            .param("keyIds", masterKeyIds)
            .param("limit", limit)
            .query(Referrals::map).list();
    }

    /** Replaces a referral's stored text (re-sealed, not changed), leaving the rest of it as it is. */
    void updateTexts(UUID id, EncryptedText summary, EncryptedText comment) {
        jdbc.sql("""
                UPDATE referrals SET summary_key_id = :summaryKeyId, summary_ciphertext = :summary,
                    decline_comment_key_id = :commentKeyId, decline_comment_ciphertext = :comment, version = version + 1
                WHERE id = :id""")
            .param("summaryKeyId", summary == null ? null : summary.keyId())
            .param("summary", summary == null ? null : summary.ciphertext())
            .param("commentKeyId", comment == null ? null : comment.keyId())
            .param("comment", comment == null ? null : comment.ciphertext())
            .param("id", id)
            .update();
    }

    /**
     * Deletes the subject's text that is sealed directly under a master key, which destroying the subject's data
     * key would not erase; how many referrals it changed.
     */
    int deleteDirectTexts(String subjectRef) {
        return jdbc.sql("""
                UPDATE referrals SET
                    summary_key_id = CASE WHEN summary_key_id LIKE 'dek:%' THEN summary_key_id END,
                    summary_ciphertext = CASE WHEN summary_key_id LIKE 'dek:%' THEN summary_ciphertext END,
                    decline_comment_key_id = CASE WHEN decline_comment_key_id LIKE 'dek:%' THEN decline_comment_key_id END,
                    decline_comment_ciphertext = CASE WHEN decline_comment_key_id LIKE 'dek:%' THEN decline_comment_ciphertext END,
                    version = version + 1
                WHERE subject_ref = ? AND (summary_key_id NOT LIKE 'dek:%' OR decline_comment_key_id NOT LIKE 'dek:%')""")
            .param(subjectRef)
            .update();
    }

    private static EncryptedText comment(Referral referral) {
        return referral.decline() == null ? null : referral.decline().comment();
    }

    Optional<Referral> find(UUID id) {
        return jdbc.sql(SELECT + "WHERE r.id = ?").param(id).query(Referrals::map).optional();
    }

    /** The person each of these referrals is about, in one query. */
    Map<UUID, String> subjectRefs(Collection<UUID> ids) {
        Map<UUID, String> refs = new HashMap<>();
        if (!ids.isEmpty()) {
            jdbc.sql("SELECT id, subject_ref FROM referrals WHERE id IN (:ids)").param("ids", ids)
                .query((row, n) -> refs.put(row.getObject("id", UUID.class), row.getString("subject_ref"))).list();
        }
        return refs;
    }

    /** The referral for a change, locked until the transaction ends so changes to one case queue up. */
    Optional<Referral> lock(UUID id) {
        return jdbc.sql(SELECT + "WHERE r.id = ? FOR UPDATE OF r").param(id).query(Referrals::map).optional();
    }

    /** Open referrals disclosed on the consent, locked for the transaction. */
    List<Referral> lockOpenRelyingOn(UUID consentId) {
        return jdbc.sql(SELECT + "WHERE r.consent_id = :consentId AND r.status IN (:open) ORDER BY r.id FOR UPDATE OF r")
            .param("consentId", consentId)
            .param("open", ReferralStatus.openNames())
            .query(Referrals::map).list();
    }

    List<Referral> page(Box box, String agency, ReferralStatus status, int page, int size) {
        return jdbc.sql(SELECT + "WHERE r." + box.column + " = :agency"
                + " AND (CAST(:status AS TEXT) IS NULL OR r.status = :status)"
                + " ORDER BY r.created_at DESC, r.id LIMIT :limit OFFSET :offset")
            .param("agency", agency)
            .param("status", status == null ? null : status.name())
            .param("limit", size)
            .param("offset", (long) page * size)
            .query(Referrals::map)
            .list();
    }

    long count(Box box, String agency, ReferralStatus status) {
        return jdbc.sql("SELECT count(*) FROM referrals WHERE " + box.column + " = :agency"
                + " AND (CAST(:status AS TEXT) IS NULL OR status = :status)")
            .param("agency", agency)
            .param("status", status == null ? null : status.name())
            .query(Long.class)
            .single();
    }

    /** Which referrals a list shows: those the caller's agency sent, or those it received. */
    public enum Box {
        SENT("from_agency"), RECEIVED("to_agency");

        private final String column;

        Box(String column) {
            this.column = column;
        }
    }

    private static Referral map(ResultSet row, int rowNumber) throws SQLException {
        byte[] ciphertext = row.getBytes("summary_ciphertext");
        String consentId = row.getString("consent_id");
        var basis = new LegalBasis(LegalBasis.Type.valueOf(row.getString("legal_basis_type")),
            consentId == null ? null : UUID.fromString(consentId), row.getString("provision_code"));
        return new Referral(
            row.getObject("id", UUID.class),
            row.getString("from_agency"),
            row.getString("to_agency"),
            row.getString("owner_agency"),
            new Subject(row.getString("subject_ref"), row.getBoolean("protected_identity")),
            Urgency.valueOf(row.getString("urgency")),
            concerns(row.getArray("concerns")),
            basis,
            Purpose.valueOf(row.getString("purpose")),
            ciphertext == null ? null : new EncryptedText(row.getString("summary_key_id"), ciphertext),
            ReferralStatus.valueOf(row.getString("status")),
            decline(row),
            row.getTimestamp("created_at").toInstant(),
            row.getTimestamp("updated_at").toInstant(),
            row.getInt("version"),
            subjectKey(row));
    }

    private static SubjectKey subjectKey(ResultSet row) throws SQLException {
        UUID id = row.getObject("data_key_id", UUID.class);
        return id == null ? null
            : new SubjectKey(id, row.getString("data_key_master_key_id"), row.getBytes("data_key_wrapped"));
    }

    private static Referral.Decline decline(ResultSet row) throws SQLException {
        String reason = row.getString("decline_reason");
        byte[] comment = row.getBytes("decline_comment_ciphertext");
        return reason == null ? null : new Referral.Decline(DeclineReason.valueOf(reason),
            comment == null ? null : new EncryptedText(row.getString("decline_comment_key_id"), comment));
    }

    private static List<Concern> concerns(Array array) throws SQLException {
        return Arrays.stream((String[]) array.getArray()).map(Concern::valueOf).toList();
    }
}
