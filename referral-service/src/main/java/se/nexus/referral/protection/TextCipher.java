package se.nexus.referral.protection;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;

import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

import org.springframework.stereotype.Component;

/**
 * Seals free text with AES-256-GCM before it reaches the database. The key id is stored beside each
 * ciphertext and bound to it as associated data, so keys can rotate and a ciphertext cannot be moved to
 * another key's slot unnoticed.
 */
@Component
public class TextCipher {

    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;

    private final SecureRandom random = new SecureRandom();
    private final Map<String, SecretKey> keys = new HashMap<>();
    private final String activeKeyId;

    public TextCipher(ProtectionProperties properties) {
        properties.keys().forEach((id, encoded) -> keys.put(id, aesKey(id, encoded)));
        if (!keys.containsKey(properties.activeKeyId())) {
            throw new IllegalStateException("The active key id " + properties.activeKeyId() + " has no key");
        }
        this.activeKeyId = properties.activeKeyId();
    }

    public EncryptedText seal(String text) {
        byte[] nonce = new byte[NONCE_BYTES];
        random.nextBytes(nonce);
        byte[] sealed = run(Cipher.ENCRYPT_MODE, activeKeyId, nonce, text.getBytes(StandardCharsets.UTF_8), 0);
        return new EncryptedText(activeKeyId, ByteBuffer.allocate(NONCE_BYTES + sealed.length).put(nonce).put(sealed).array());
    }

    public String open(EncryptedText text) {
        byte[] all = text.ciphertext();
        byte[] nonce = java.util.Arrays.copyOf(all, NONCE_BYTES);
        return new String(run(Cipher.DECRYPT_MODE, text.keyId(), nonce, all, NONCE_BYTES), StandardCharsets.UTF_8);
    }

    private byte[] run(int mode, String keyId, byte[] nonce, byte[] input, int offset) {
        SecretKey key = keys.get(keyId);
        if (key == null) {
            throw new IllegalStateException("No key with id " + keyId + " is configured");
        }
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(mode, key, new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(keyId.getBytes(StandardCharsets.UTF_8));
            return cipher.doFinal(input, offset, input.length - offset);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Text under key " + keyId + " could not be " + (mode == Cipher.ENCRYPT_MODE ? "sealed" : "opened"), e);
        }
    }

    private static SecretKey aesKey(String id, String encoded) {
        byte[] bytes = Base64.getDecoder().decode(encoded.trim());
        if (bytes.length != 32) {
            throw new IllegalStateException("Key " + id + " must be 32 bytes (AES-256), base64-encoded; set NEXUS_ENCRYPTION_KEY");
        }
        return new SecretKeySpec(bytes, "AES");
    }
}
