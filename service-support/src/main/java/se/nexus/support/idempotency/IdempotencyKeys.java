package se.nexus.support.idempotency;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;

/** The stored keys and the first answers given to them. */
class IdempotencyKeys {

    /** A remembered request: its hash and, once answered, the answer. */
    record Entry(byte[] requestHash, Integer status, String location, String contentType, AnswerProtection.Sealed body) {

        boolean answered() {
            return status != null;
        }
    }

    private final JdbcClient jdbc;

    IdempotencyKeys(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Claims the key for a new request; false if it is already known (answered or in progress). */
    boolean claim(String agency, String key, byte[] requestHash, Instant notBefore) {
        jdbc.sql("DELETE FROM idempotency_keys WHERE agency = ? AND idempotency_key = ? AND created_at < ?")
            .param(agency).param(key).param(Timestamp.from(notBefore)).update();
        return jdbc.sql("""
                INSERT INTO idempotency_keys (agency, idempotency_key, request_hash) VALUES (?, ?, ?)
                ON CONFLICT DO NOTHING""")
            .param(agency).param(key).param(requestHash).update() == 1;
    }

    Optional<Entry> find(String agency, String key) {
        return jdbc.sql("SELECT request_hash, status, location, content_type, body_key_id, body FROM idempotency_keys WHERE agency = ? AND idempotency_key = ?")
            .param(agency).param(key)
            .query((row, n) -> new Entry(row.getBytes(1), (Integer) row.getObject(2), row.getString(3), row.getString(4),
                new AnswerProtection.Sealed(row.getString(5), row.getBytes(6))))
            .optional();
    }

    void answer(String agency, String key, int status, String location, String contentType,
            AnswerProtection.Sealed body) {
        jdbc.sql("""
                UPDATE idempotency_keys SET status = ?, location = ?, content_type = ?, body_key_id = ?, body = ?
                WHERE agency = ? AND idempotency_key = ?""")
            .param(status).param(location).param(contentType).param(body.keyId()).param(body.ciphertext())
            .param(agency).param(key).update();
    }

    void release(String agency, String key) {
        jdbc.sql("DELETE FROM idempotency_keys WHERE agency = ? AND idempotency_key = ? AND status IS NULL")
            .param(agency).param(key).update();
    }
}
