package se.nexus.audit.checkpoint;

import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.interfaces.EdECPrivateKey;
import java.security.spec.NamedParameterSpec;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Arrays;
import java.util.Base64;

import se.nexus.audit.chain.SignedCheckpoint;

/** The Ed25519 key that signs checkpoints, with its public key derived from the private one. */
final class SigningKey {

    private final PrivateKey privateKey;
    private final byte[] publicKey;

    private SigningKey(KeyPair pair) {
        this.privateKey = pair.getPrivate();
        this.publicKey = pair.getPublic().getEncoded();
    }

    static SigningKey generate() {
        try {
            return new SigningKey(KeyPairGenerator.getInstance(SignedCheckpoint.ALGORITHM).generateKeyPair());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Ed25519 is not available", e);
        }
    }

    /** Reads a PKCS#8 private key (base64 DER) and derives its public key. */
    static SigningKey fromPkcs8(String base64) {
        try {
            PrivateKey key = KeyFactory.getInstance(SignedCheckpoint.ALGORITHM)
                .generatePrivate(new PKCS8EncodedKeySpec(Base64.getMimeDecoder().decode(base64.trim())));
            return new SigningKey(pairOf((EdECPrivateKey) key));
        } catch (GeneralSecurityException | IllegalArgumentException | ClassCastException e) {
            // The key itself is never part of the message.
            throw new IllegalStateException("The checkpoint signing key is not a base64 PKCS#8 Ed25519 private key");
        }
    }

    /**
     * The JDK has no public API to derive an Ed25519 public key, but its generator turns 32 random bytes into the
     * private key: feeding it the key's own bytes regenerates the same pair.
     */
    private static KeyPair pairOf(EdECPrivateKey key) throws GeneralSecurityException {
        byte[] seed = key.getBytes().orElseThrow(() -> new GeneralSecurityException("key bytes not available"));
        KeyPairGenerator generator = KeyPairGenerator.getInstance(SignedCheckpoint.ALGORITHM);
        generator.initialize(NamedParameterSpec.ED25519, new SeedRandom(seed));
        KeyPair pair = generator.generateKeyPair();
        byte[] regenerated = ((EdECPrivateKey) pair.getPrivate()).getBytes().orElseThrow();
        if (!Arrays.equals(seed, regenerated)) {
            throw new GeneralSecurityException("could not derive the public key");
        }
        return pair;
    }

    byte[] sign(byte[] message) {
        try {
            Signature signer = Signature.getInstance(SignedCheckpoint.ALGORITHM);
            signer.initSign(privateKey);
            signer.update(message);
            return signer.sign();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Could not sign a checkpoint", e);
        }
    }

    /** X.509 SubjectPublicKeyInfo DER. */
    byte[] publicKey() {
        return publicKey.clone();
    }

    String publicKeyBase64() {
        return Base64.getEncoder().encodeToString(publicKey);
    }

    String privateKeyBase64() {
        return Base64.getEncoder().encodeToString(privateKey.getEncoded());
    }

    /** Hands the generator the given bytes instead of random ones. */
    private static final class SeedRandom extends SecureRandom {

        private final byte[] seed;

        SeedRandom(byte[] seed) {
            this.seed = seed.clone();
        }

        @Override
        public void nextBytes(byte[] bytes) {
            System.arraycopy(seed, 0, bytes, 0, Math.min(seed.length, bytes.length));
        }
    }
}
