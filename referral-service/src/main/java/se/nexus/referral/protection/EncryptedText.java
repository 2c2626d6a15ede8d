package se.nexus.referral.protection;

import java.util.UUID;

/**
 * Free text as stored: AES-GCM ciphertext (nonce first) and the id of the key that sealed it. That is its
 * subject's data key ({@code dek:<id>}), or, for text stored before data keys existed, a master key.
 */
public record EncryptedText(String keyId, byte[] ciphertext) {

    /** Starts the key id of text sealed under a data key; no master key id may start so. */
    static final String DATA_KEY_PREFIX = "dek:";

    static String dataKeyIdOf(UUID dataKeyId) {
        return DATA_KEY_PREFIX + dataKeyId;
    }

    /** Whether a subject's data key sealed it, so that destroying the key erases it. */
    public boolean underDataKey() {
        return keyId.startsWith(DATA_KEY_PREFIX);
    }

    UUID dataKeyId() {
        return UUID.fromString(keyId.substring(DATA_KEY_PREFIX.length()));
    }
}
