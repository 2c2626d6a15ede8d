package se.nexus.audit.statistics;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The secret key under which the statistics know a person, a case or a notification: HMAC-SHA256 of its ref or id,
 * cut to 16 bytes. Without the key nobody can tell whose hash it is, not even by trying every ref.
 */
final class PersonKey {

    static final int HASH_LENGTH = 16;
    private static final int MINIMUM_KEY_LENGTH = 32;
    private static final String ALGORITHM = "HmacSHA256";

    private final SecretKeySpec key;

    private PersonKey(byte[] secret) {
        if (secret.length < MINIMUM_KEY_LENGTH) {
            throw new IllegalStateException(
                "The statistics person key must be at least " + MINIMUM_KEY_LENGTH + " bytes");
        }
        this.key = new SecretKeySpec(secret, ALGORITHM);
    }

    static PersonKey fromBase64(String base64) {
        try {
            return new PersonKey(Base64.getDecoder().decode(base64.trim()));
        } catch (IllegalArgumentException e) {
            // The key itself is never part of the message.
            throw new IllegalStateException("The statistics person key is not base64");
        }
    }

    static PersonKey generate() {
        byte[] secret = new byte[MINIMUM_KEY_LENGTH];
        new SecureRandom().nextBytes(secret);
        return new PersonKey(secret);
    }

    String base64() {
        return Base64.getEncoder().encodeToString(key.getEncoded());
    }

    byte[] person(String subjectRef) {
        return hash("person", subjectRef);
    }

    byte[] referral(String referralId) {
        return hash("referral", referralId);
    }

    byte[] notification(String notificationId) {
        return hash("notification", notificationId);
    }

    /** Tells keys apart without revealing them: what the projection was built under. */
    byte[] fingerprint() {
        return hash("fingerprint", "");
    }

    /** Each kind of thing hashed in its own domain, so that equal ids of different kinds never meet. */
    private byte[] hash(String domain, String value) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(key);
            mac.update(domain.getBytes(StandardCharsets.UTF_8));
            mac.update((byte) 0);
            return Arrays.copyOf(mac.doFinal(value.getBytes(StandardCharsets.UTF_8)), HASH_LENGTH);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 is not available", e);
        }
    }
}
