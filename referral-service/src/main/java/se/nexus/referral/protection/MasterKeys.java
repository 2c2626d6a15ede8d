package se.nexus.referral.protection;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;

import org.springframework.stereotype.Component;

/**
 * The configured master keys. They wrap the subjects' data keys (docs/architecture.md section 6), seal stored
 * answers that hold no free text, and still open text sealed directly under them before data keys existed. A
 * wrapped data key names the master key that wrapped it, so several can be in use while one is rotated out.
 */
@Component
class MasterKeys {

    private final Map<String, SecretKey> keys = new HashMap<>();
    private final String activeKeyId;

    MasterKeys(ProtectionProperties properties) {
        properties.keys().forEach((id, encoded) -> keys.put(id, aesKey(id, encoded)));
        keys.keySet().stream().filter(id -> id.startsWith(EncryptedText.DATA_KEY_PREFIX)).findFirst().ifPresent(id -> {
            throw new IllegalStateException("A master key id may not start with " + EncryptedText.DATA_KEY_PREFIX
                + ": that prefix names data keys");
        });
        if (!keys.containsKey(properties.activeKeyId())) {
            throw new IllegalStateException("The active key id " + properties.activeKeyId() + " has no key");
        }
        this.activeKeyId = properties.activeKeyId();
    }

    String activeKeyId() {
        return activeKeyId;
    }

    Set<String> keyIds() {
        return Set.copyOf(keys.keySet());
    }

    /** Seals text directly under the active master key: only for what is never about one subject's free text. */
    EncryptedText seal(String text) {
        return new EncryptedText(activeKeyId, Gcm.seal(key(activeKeyId), activeKeyId, text.getBytes(StandardCharsets.UTF_8)));
    }

    /** Opens text sealed directly under a master key, as all free text was before data keys existed. */
    String open(EncryptedText text) {
        return new String(Gcm.open(key(text.keyId()), text.keyId(), text.ciphertext()), StandardCharsets.UTF_8);
    }

    /** A data key wrapped under the active master key, bound to the data key's id. */
    SubjectKey wrap(UUID dataKeyId, SecretKey dataKey) {
        return new SubjectKey(dataKeyId, activeKeyId,
            Gcm.seal(key(activeKeyId), wrappingContext(dataKeyId, activeKeyId), dataKey.getEncoded()));
    }

    SecretKey unwrap(SubjectKey wrapped) {
        return new SecretKeySpec(Gcm.open(key(wrapped.masterKeyId()),
            wrappingContext(wrapped.id(), wrapped.masterKeyId()), wrapped.wrapped()), "AES");
    }

    /** What a wrapped key is bound to: moved to another data key's row or master key id, it does not unwrap. */
    private static String wrappingContext(UUID dataKeyId, String masterKeyId) {
        return EncryptedText.DATA_KEY_PREFIX + dataKeyId + "/" + masterKeyId;
    }

    private SecretKey key(String keyId) {
        SecretKey key = keys.get(keyId);
        if (key == null) {
            throw new IllegalStateException("No master key with id " + keyId + " is configured");
        }
        return key;
    }

    private static SecretKey aesKey(String id, String encoded) {
        byte[] bytes = Base64.getDecoder().decode(encoded.trim());
        if (bytes.length != 32) {
            throw new IllegalStateException("Key " + id + " must be 32 bytes (AES-256), base64-encoded; set NEXUS_ENCRYPTION_KEY");
        }
        return new SecretKeySpec(bytes, "AES");
    }
}
