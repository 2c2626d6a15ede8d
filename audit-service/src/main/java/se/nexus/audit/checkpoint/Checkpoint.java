package se.nexus.audit.checkpoint;

import java.time.Instant;
import java.util.Base64;

import se.nexus.audit.chain.Hex;
import se.nexus.audit.chain.SignedCheckpoint;

/**
 * A stored checkpoint as the API shows it: hashes in hex, signature and public key in base64.
 *
 * @param signedAtMillis the signed time exactly as signed, in epoch milliseconds
 */
public record Checkpoint(long id, long length, String headHash, Instant signedAt, long signedAtMillis,
        String algorithm, String signature, String publicKey) {

    static Checkpoint of(long id, SignedCheckpoint signed) {
        return new Checkpoint(id, signed.length(), Hex.of(signed.headHash()), Instant.ofEpochMilli(signed.signedAt()),
            signed.signedAt(), SignedCheckpoint.ALGORITHM, Base64.getEncoder().encodeToString(signed.signature()),
            Base64.getEncoder().encodeToString(signed.publicKey()));
    }

    public SignedCheckpoint signed() {
        return new SignedCheckpoint(length, Hex.parse(headHash), signedAtMillis, Base64.getDecoder().decode(signature),
            Base64.getDecoder().decode(publicKey));
    }
}
