package se.nexus.referral.protection;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The subjects' data keys, each stored only wrapped, one row per subject (table {@code subject_keys}). */
@Repository
class SubjectKeys {

    private final JdbcClient jdbc;

    SubjectKeys(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * The subject's key, share-locked until the transaction ends: an erasure waits for text being sealed under
     * it, and then erases that text too.
     */
    Optional<SubjectKey> lockShared(String subjectRef) {
        return jdbc.sql("SELECT id, master_key_id, wrapped_key FROM subject_keys WHERE subject_ref = ? FOR SHARE")
            .param(subjectRef).query(SubjectKeys::map).optional();
    }

    /** Locks the subject's key row against any other use until the transaction ends; whether there was one. */
    boolean lockExclusive(String subjectRef) {
        return jdbc.sql("SELECT id FROM subject_keys WHERE subject_ref = ? FOR UPDATE").param(subjectRef)
            .query(UUID.class).optional().isPresent();
    }

    /** Stores the subject's first key; empty if another transaction stored one first. */
    Optional<SubjectKey> insertIfAbsent(String subjectRef, SubjectKey key, Instant now) {
        return jdbc.sql("""
                INSERT INTO subject_keys (subject_ref, id, master_key_id, wrapped_key, created_at, wrapped_at)
                VALUES (:subjectRef, :id, :masterKeyId, :wrapped, :now, :now)
                ON CONFLICT (subject_ref) DO NOTHING
                RETURNING id, master_key_id, wrapped_key""")
            .param("subjectRef", subjectRef)
            .param("id", key.id())
            .param("masterKeyId", key.masterKeyId())
            .param("wrapped", key.wrapped())
            .param("now", Timestamp.from(now))
            .query(SubjectKeys::map).optional();
    }

    Optional<SubjectKey> find(UUID id) {
        return jdbc.sql("SELECT id, master_key_id, wrapped_key FROM subject_keys WHERE id = ?")
            .param(id).query(SubjectKeys::map).optional();
    }

    /** Deletes the subject's key, which erases every text sealed under it; the key as it was, if there was one. */
    Optional<SubjectKey> delete(String subjectRef) {
        return jdbc.sql("DELETE FROM subject_keys WHERE subject_ref = ? RETURNING id, master_key_id, wrapped_key")
            .param(subjectRef).query(SubjectKeys::map).optional();
    }

    /** Keys wrapped under any of the master keys, locked, skipping those another instance holds. */
    List<SubjectKey> lockWrappedUnder(Collection<String> masterKeyIds, int limit) {
        return jdbc.sql("""
                SELECT id, master_key_id, wrapped_key FROM subject_keys WHERE master_key_id IN (:masterKeyIds)
                ORDER BY id LIMIT :limit FOR UPDATE SKIP LOCKED""")
            .param("masterKeyIds", masterKeyIds)
            .param("limit", limit)
            .query(SubjectKeys::map).list();
    }

    void rewrap(SubjectKey key, Instant now) {
        jdbc.sql("UPDATE subject_keys SET master_key_id = ?, wrapped_key = ?, wrapped_at = ? WHERE id = ?")
            .param(key.masterKeyId()).param(key.wrapped()).param(Timestamp.from(now)).param(key.id())
            .update();
    }

    private static SubjectKey map(ResultSet row, int rowNumber) throws SQLException {
        return new SubjectKey(row.getObject("id", UUID.class), row.getString("master_key_id"),
            row.getBytes("wrapped_key"));
    }
}
