package se.nexus.support.idempotency;

/**
 * Seals the stored first answers of idempotent requests: an answer can hold free text (a referral's
 * summary), which must never be at rest in clear. Each service that enables idempotency keys provides
 * one, backed by its own encryption keys.
 */
public interface AnswerProtection {

    Sealed seal(byte[] answer);

    byte[] open(Sealed sealed);

    /** A sealed answer and the id of the key that sealed it. */
    record Sealed(String keyId, byte[] ciphertext) {
    }
}
