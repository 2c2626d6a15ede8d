package se.nexus.referral.protection;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.UUID;

import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;

import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * Seals free text with AES-256-GCM under its subject's own data key before it reaches the database, and opens
 * it again while that key exists (envelope encryption, docs/architecture.md section 6). The data key is stored
 * only wrapped by a master key; erasing the subject destroys it, and with it every copy of the subject's text.
 * Text sealed directly under a master key before data keys existed still opens.
 */
@Component
public class TextCipher {

    private static final int DATA_KEY_BYTES = 32;

    private final SubjectKeys subjectKeys;
    private final MasterKeys masterKeys;
    private final Clock clock;

    TextCipher(SubjectKeys subjectKeys, MasterKeys masterKeys, Clock clock) {
        this.subjectKeys = subjectKeys;
        this.masterKeys = masterKeys;
        this.clock = clock;
    }

    /** Seals text about the subject under the subject's data key, made on first use. */
    @Transactional
    public EncryptedText seal(String subjectRef, String text) {
        SubjectKey stored = subjectKey(subjectRef);
        String keyId = EncryptedText.dataKeyIdOf(stored.id());
        return new EncryptedText(keyId, Gcm.seal(masterKeys.unwrap(stored), keyId, text.getBytes(StandardCharsets.UTF_8)));
    }

    /**
     * The text in clear, or null once its subject has been erased. The subject's key as read beside the text
     * saves looking it up; without it (or if it is a newer key than the text's) the text's own key is looked up.
     */
    public String open(EncryptedText text, SubjectKey subjectKey) {
        if (text == null) {
            return null;
        }
        if (!text.underDataKey()) {
            return masterKeys.open(text);
        }
        UUID dataKeyId = text.dataKeyId();
        SubjectKey key = subjectKey != null && subjectKey.id().equals(dataKeyId) ? subjectKey
            : subjectKeys.find(dataKeyId).orElse(null);
        return key == null ? null : openWith(masterKeys.unwrap(key), text);
    }

    static String openWith(SecretKey dataKey, EncryptedText text) {
        return new String(Gcm.open(dataKey, text.keyId(), text.ciphertext()), StandardCharsets.UTF_8);
    }

    private SubjectKey subjectKey(String subjectRef) {
        for (int attempt = 0; attempt < 3; attempt++) {
            var existing = subjectKeys.lockShared(subjectRef);
            if (existing.isPresent()) {
                return existing.get();
            }
            UUID id = UUID.randomUUID();
            SubjectKey fresh = masterKeys.wrap(id, new SecretKeySpec(Gcm.random(DATA_KEY_BYTES), "AES"));
            var inserted = subjectKeys.insertIfAbsent(subjectRef, fresh, Instant.now(clock));
            if (inserted.isPresent()) {
                return inserted.get();
            }
            // Another transaction stored a key first (or erased it meanwhile): read again.
        }
        throw new IllegalStateException("No data key could be stored for a subject");
    }
}
