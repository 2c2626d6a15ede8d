package se.nexus.referral.protection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;

import org.junit.jupiter.api.Test;

class TextCipherTests {

    static final String KEY_1 = Base64.getEncoder().encodeToString("0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.US_ASCII));
    static final String KEY_2 = Base64.getEncoder().encodeToString("fedcba9876543210fedcba9876543210".getBytes(StandardCharsets.US_ASCII));

    @Test
    void sealedTextOpensAndDoesNotContainThePlainText() {
        var cipher = new TextCipher(new ProtectionProperties("k1", Map.of("k1", KEY_1)));
        EncryptedText sealed = cipher.seal("Hot mot Amina i hemmet");
        assertThat(new String(sealed.ciphertext(), StandardCharsets.ISO_8859_1)).doesNotContain("Amina");
        assertThat(sealed.keyId()).isEqualTo("k1");
        assertThat(cipher.open(sealed)).isEqualTo("Hot mot Amina i hemmet");
    }

    @Test
    void textSealedWithAnOldKeyStillOpensAfterRotation() {
        EncryptedText old = new TextCipher(new ProtectionProperties("k1", Map.of("k1", KEY_1))).seal("text");
        var rotated = new TextCipher(new ProtectionProperties("k2", Map.of("k1", KEY_1, "k2", KEY_2)));
        assertThat(rotated.open(old)).isEqualTo("text");
        assertThat(rotated.seal("new").keyId()).isEqualTo("k2");
    }

    @Test
    void aTamperedCiphertextOrAMovedKeyIdIsRefused() {
        var cipher = new TextCipher(new ProtectionProperties("k1", Map.of("k1", KEY_1, "k2", KEY_1)));
        EncryptedText sealed = cipher.seal("text");
        byte[] tampered = sealed.ciphertext().clone();
        tampered[tampered.length - 1] ^= 1;
        assertThatThrownBy(() -> cipher.open(new EncryptedText("k1", tampered))).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> cipher.open(new EncryptedText("k2", sealed.ciphertext()))).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void aKeyOfTheWrongLengthIsRefusedAtStart() {
        assertThatThrownBy(() -> new TextCipher(new ProtectionProperties("k1", Map.of("k1", "c2hvcnQ="))))
            .hasMessageContaining("32 bytes");
    }
}
