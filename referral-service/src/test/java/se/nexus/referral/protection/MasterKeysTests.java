package se.nexus.referral.protection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.UUID;

import javax.crypto.spec.SecretKeySpec;

import org.junit.jupiter.api.Test;

class MasterKeysTests {

    static final String KEY_1 = Base64.getEncoder().encodeToString("0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.US_ASCII));
    static final String KEY_2 = Base64.getEncoder().encodeToString("fedcba9876543210fedcba9876543210".getBytes(StandardCharsets.US_ASCII));

    static MasterKeys keys(String active, Map<String, String> keys) {
        return new MasterKeys(new ProtectionProperties(active, keys, new ProtectionProperties.Rotation(false, null, 1)));
    }

    @Test
    void sealedTextOpensAndDoesNotContainThePlainText() {
        var cipher = keys("k1", Map.of("k1", KEY_1));
        EncryptedText sealed = cipher.seal("Hot mot Amina i hemmet");
        assertThat(new String(sealed.ciphertext(), StandardCharsets.ISO_8859_1)).doesNotContain("Amina");
        assertThat(sealed.keyId()).isEqualTo("k1");
        assertThat(sealed.underDataKey()).isFalse();
        assertThat(cipher.open(sealed)).isEqualTo("Hot mot Amina i hemmet");
    }

    @Test
    void textSealedWithAnOldKeyStillOpensAfterRotation() {
        EncryptedText old = keys("k1", Map.of("k1", KEY_1)).seal("text");
        var rotated = keys("k2", Map.of("k1", KEY_1, "k2", KEY_2));
        assertThat(rotated.open(old)).isEqualTo("text");
        assertThat(rotated.seal("new").keyId()).isEqualTo("k2");
    }

    @Test
    void aTamperedCiphertextOrAMovedKeyIdIsRefused() {
        var cipher = keys("k1", Map.of("k1", KEY_1, "k2", KEY_1));
        EncryptedText sealed = cipher.seal("text");
        byte[] tampered = sealed.ciphertext().clone();
        tampered[tampered.length - 1] ^= 1;
        assertThatThrownBy(() -> cipher.open(new EncryptedText("k1", tampered))).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> cipher.open(new EncryptedText("k2", sealed.ciphertext()))).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void aDataKeyUnwrapsUnderTheMasterKeyItNamesAndOnlyForItsOwnId() {
        var old = keys("k1", Map.of("k1", KEY_1));
        var rotated = keys("k2", Map.of("k1", KEY_1, "k2", KEY_2));
        var dataKey = new SecretKeySpec("a-data-key-of-thirty-two-bytes!!".getBytes(StandardCharsets.US_ASCII), "AES");
        UUID id = UUID.randomUUID();
        SubjectKey wrapped = old.wrap(id, dataKey);
        assertThat(wrapped.masterKeyId()).isEqualTo("k1");
        assertThat(rotated.unwrap(wrapped).getEncoded()).isEqualTo(dataKey.getEncoded());
        SubjectKey rewrapped = rotated.wrap(id, rotated.unwrap(wrapped));
        assertThat(rewrapped.masterKeyId()).isEqualTo("k2");
        assertThat(keys("k2", Map.of("k2", KEY_2)).unwrap(rewrapped).getEncoded()).isEqualTo(dataKey.getEncoded());
        assertThatThrownBy(() -> rotated.unwrap(new SubjectKey(UUID.randomUUID(), "k1", wrapped.wrapped())))
            .isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> keys("k2", Map.of("k2", KEY_2)).unwrap(wrapped))
            .hasMessageContaining("No master key with id k1");
    }

    @Test
    void aKeyOfTheWrongLengthOrAnIdThatNamesADataKeyIsRefusedAtStart() {
        assertThatThrownBy(() -> keys("k1", Map.of("k1", "c2hvcnQ=")))
            .hasMessageContaining("32 bytes");
        assertThatThrownBy(() -> keys("dek:1", Map.of("dek:1", KEY_1)))
            .hasMessageContaining("may not start with dek:");
    }
}
