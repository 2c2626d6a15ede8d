package se.nexus.audit.chain;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/** {@code hash_n = SHA-256(hash_{n-1} || canonical bytes of entry n)}, with 32 zero bytes before the first entry. */
public final class ChainHash {

    /** The hash before the first entry. */
    public static final byte[] GENESIS = new byte[32];

    private ChainHash() {
    }

    public static byte[] next(byte[] previous, Entry entry) {
        MessageDigest sha256 = sha256();
        sha256.update(previous);
        sha256.update(EntryEncoding.canonical(entry));
        return sha256.digest();
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every Java runtime has SHA-256", e);
        }
    }
}
