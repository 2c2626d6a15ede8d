package se.nexus.referral.protection;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;

import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;

/**
 * AES-256-GCM as every sealing here uses it: a random 96-bit nonce stored first, a 128-bit tag, and the id of
 * the key as associated data, so a ciphertext cannot be moved to another key's slot unnoticed.
 */
final class Gcm {

    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;
    /**
     * One generator per thread: the platform's default (NativePRNG) serialises every caller on one lock, and under
     * load request threads queued on it while sealing.
     */
    private static final ThreadLocal<SecureRandom> RANDOM = ThreadLocal.withInitial(Gcm::newRandom);

    private Gcm() {
    }

    static byte[] seal(SecretKey key, String keyId, byte[] plain) {
        byte[] nonce = new byte[NONCE_BYTES];
        RANDOM.get().nextBytes(nonce);
        byte[] sealed = run(Cipher.ENCRYPT_MODE, key, keyId, nonce, plain, 0);
        return ByteBuffer.allocate(NONCE_BYTES + sealed.length).put(nonce).put(sealed).array();
    }

    static byte[] open(SecretKey key, String keyId, byte[] sealed) {
        return run(Cipher.DECRYPT_MODE, key, keyId, Arrays.copyOf(sealed, NONCE_BYTES), sealed, NONCE_BYTES);
    }

    /** Fresh random bytes, for a new data key. */
    static byte[] random(int length) {
        byte[] bytes = new byte[length];
        RANDOM.get().nextBytes(bytes);
        return bytes;
    }

    private static SecureRandom newRandom() {
        try {
            return SecureRandom.getInstance("DRBG");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("No DRBG random generator in this JVM", e);
        }
    }

    private static byte[] run(int mode, SecretKey key, String keyId, byte[] nonce, byte[] input, int offset) {
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(mode, key, new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(keyId.getBytes(StandardCharsets.UTF_8));
            return cipher.doFinal(input, offset, input.length - offset);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Data under key " + keyId + " could not be "
                + (mode == Cipher.ENCRYPT_MODE ? "sealed" : "opened"), e);
        }
    }
}
