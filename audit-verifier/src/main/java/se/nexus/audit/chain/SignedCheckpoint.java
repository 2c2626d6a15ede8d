package se.nexus.audit.chain;

import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;
import java.util.Collection;
import java.util.Optional;

/**
 * A signed statement that the chain held {@code length} entries ending in {@code headHash} at {@code signedAt}
 * (epoch milliseconds); the public key is X.509 SubjectPublicKeyInfo DER.
 */
public record SignedCheckpoint(long length, byte[] headHash, long signedAt, byte[] signature, byte[] publicKey) {

    public static final String ALGORITHM = "Ed25519";

    public byte[] statement() {
        return EntryEncoding.checkpointStatement(length, headHash, signedAt);
    }

    public boolean signatureValid() {
        try {
            Signature verifier = Signature.getInstance(ALGORITHM);
            verifier.initVerify(publicKey(publicKey));
            verifier.update(statement());
            return verifier.verify(signature);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            return false;
        }
    }

    /**
     * Why this checkpoint does not hold against a verified chain and the trusted keys (base64 X.509), or empty
     * when it holds.
     */
    public Optional<String> problemAgainst(ChainVerifier chain, Collection<String> trustedKeys) {
        if (!trustedKeys.contains(Base64.getEncoder().encodeToString(publicKey))) {
            return Optional.of("signed with an untrusted key");
        }
        if (!signatureValid()) {
            return Optional.of("bad signature");
        }
        if (chain.brokenLink().isEmpty() && length > chain.verifiedLength()) {
            return Optional.of("covers entries missing from the log");
        }
        Optional<byte[]> recomputed = chain.hashAt(length);
        if (recomputed.isEmpty()) {
            return Optional.of("not verifiable: the chain is broken before its length");
        }
        return MessageDigest.isEqual(recomputed.get(), headHash) ? Optional.empty()
            : Optional.of("head hash differs from the chain");
    }

    public static PublicKey publicKey(byte[] x509) throws GeneralSecurityException {
        return KeyFactory.getInstance(ALGORITHM).generatePublic(new X509EncodedKeySpec(x509));
    }
}
