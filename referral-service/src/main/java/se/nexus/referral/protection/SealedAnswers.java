package se.nexus.referral.protection;

import java.nio.charset.StandardCharsets;

import org.springframework.stereotype.Component;

import se.nexus.support.idempotency.AnswerProtection;

/** Stored first answers of idempotent requests are sealed like any other free text: they can hold a summary. */
@Component
class SealedAnswers implements AnswerProtection {

    private final TextCipher cipher;

    SealedAnswers(TextCipher cipher) {
        this.cipher = cipher;
    }

    @Override
    public Sealed seal(byte[] answer) {
        EncryptedText sealed = cipher.seal(new String(answer, StandardCharsets.UTF_8));
        return new Sealed(sealed.keyId(), sealed.ciphertext());
    }

    @Override
    public byte[] open(Sealed sealed) {
        return cipher.open(new EncryptedText(sealed.keyId(), sealed.ciphertext())).getBytes(StandardCharsets.UTF_8);
    }
}
