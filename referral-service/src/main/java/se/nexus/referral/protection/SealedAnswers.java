package se.nexus.referral.protection;

import java.nio.charset.StandardCharsets;
import java.util.List;

import javax.crypto.SecretKey;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import se.nexus.support.idempotency.AnswerProtection;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Stored first answers of idempotent requests are sealed like any other free text: an answer about a referral
 * can hold its summary and decline comment, so it is sealed under the subject's data key. When the subject is
 * erased those answers lose their free text too, so a replay shows no more than a read of the referral would.
 */
@Component
class SealedAnswers implements AnswerProtection {

    /** The free-text fields of a referral as the API shows it. */
    private static final List<String> FREE_TEXT = List.of("summary", "declineComment");

    private final TextCipher cipher;
    private final MasterKeys masterKeys;
    private final JdbcClient jdbc;
    private final JsonMapper json;

    SealedAnswers(TextCipher cipher, MasterKeys masterKeys, JdbcClient jdbc, JsonMapper json) {
        this.cipher = cipher;
        this.masterKeys = masterKeys;
        this.jdbc = jdbc;
        this.json = json;
    }

    @Override
    public Sealed seal(byte[] answer) {
        String text = new String(answer, StandardCharsets.UTF_8);
        String subjectRef = subjectWithFreeText(answer);
        EncryptedText sealed = subjectRef == null ? masterKeys.seal(text) : cipher.seal(subjectRef, text);
        return new Sealed(sealed.keyId(), sealed.ciphertext());
    }

    @Override
    public byte[] open(Sealed sealed) {
        String text = cipher.open(new EncryptedText(sealed.keyId(), sealed.ciphertext()), null);
        if (text == null) {
            // The erasure rewrote the answers under the key before destroying it; only a race leaves one behind.
            throw new IllegalStateException("A stored answer's data key was destroyed before the answer was rewritten");
        }
        return text.getBytes(StandardCharsets.UTF_8);
    }

    /**
     * Rewrites the stored answers sealed under a data key that is about to be destroyed: without their free text,
     * sealed under the active master key.
     */
    void forget(SubjectKey key, SecretKey dataKey) {
        String keyId = EncryptedText.dataKeyIdOf(key.id());
        jdbc.sql("SELECT agency, idempotency_key, body FROM idempotency_keys WHERE body_key_id = ? FOR UPDATE")
            .param(keyId)
            .query((row, number) -> new Stored(row.getString("agency"), row.getString("idempotency_key"),
                row.getBytes("body")))
            .list()
            .forEach(stored -> {
                String answer = TextCipher.openWith(dataKey, new EncryptedText(keyId, stored.body()));
                EncryptedText resealed = masterKeys.seal(withoutFreeText(answer));
                jdbc.sql("UPDATE idempotency_keys SET body_key_id = ?, body = ? WHERE agency = ? AND idempotency_key = ?")
                    .param(resealed.keyId()).param(resealed.ciphertext()).param(stored.agency()).param(stored.key())
                    .update();
            });
    }

    /** The subject ref of an answer that shows a referral with free text, or null. */
    private String subjectWithFreeText(byte[] answer) {
        JsonNode tree = parse(answer);
        JsonNode ref = tree == null ? null : tree.path("subject").path("ref");
        boolean freeText = tree != null && FREE_TEXT.stream().anyMatch(field -> tree.path(field).isString());
        return freeText && ref.isString() ? ref.stringValue() : null;
    }

    private String withoutFreeText(String answer) {
        JsonNode tree = parse(answer.getBytes(StandardCharsets.UTF_8));
        if (!(tree instanceof ObjectNode object)) {
            return answer;
        }
        FREE_TEXT.stream().filter(object::has).forEach(object::putNull);
        return json.writeValueAsString(object);
    }

    private JsonNode parse(byte[] answer) {
        try {
            return answer.length == 0 ? null : json.readTree(answer);
        } catch (RuntimeException notJson) {
            return null;
        }
    }

    private record Stored(String agency, String key, byte[] body) {
    }
}
