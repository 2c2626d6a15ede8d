package se.nexus.audit.chain;

import java.security.MessageDigest;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Recomputes the chain entry by entry, in position order, and remembers the first broken link. Used both by
 * the service on its database and by the offline verifier on an export, so both judge alike.
 */
public final class ChainVerifier {

    private final Set<Long> remembered;
    private final Map<Long, byte[]> hashesAt = new HashMap<>();
    private long expected = 1;
    private byte[] previous = ChainHash.GENESIS;
    private BrokenLink broken;

    /** Verifies a chain, remembering the recomputed hashes at these positions (the lengths of checkpoints). */
    public ChainVerifier(Set<Long> remember) {
        this.remembered = Set.copyOf(remember);
    }

    /** Takes the next entry with its stored hash; returns false once the chain is broken. */
    public boolean accept(Entry entry, byte[] storedHash) {
        if (broken != null) {
            return false;
        }
        if (entry.position() != expected) {
            broken = new BrokenLink(expected, entry.position() > expected ? BrokenLink.GAP : BrokenLink.OUT_OF_ORDER);
            return false;
        }
        byte[] computed = ChainHash.next(previous, entry);
        if (!MessageDigest.isEqual(computed, storedHash)) {
            broken = new BrokenLink(entry.position(), BrokenLink.HASH_MISMATCH);
            return false;
        }
        accepted(entry.position(), computed);
        return true;
    }

    private void accepted(long position, byte[] hash) {
        previous = hash;
        expected = position + 1;
        if (remembered.contains(position)) {
            hashesAt.put(position, hash);
        }
    }

    /** The number of entries verified so far (all of them when the chain is intact). */
    public long verifiedLength() {
        return expected - 1;
    }

    /** The hash of the last verified entry, or 32 zero bytes for an empty chain. */
    public byte[] verifiedHead() {
        return previous.clone();
    }

    public Optional<BrokenLink> brokenLink() {
        return Optional.ofNullable(broken);
    }

    /** The recomputed hash at a remembered position, if the chain was intact up to there. */
    public Optional<byte[]> hashAt(long position) {
        return position == 0 ? Optional.of(ChainHash.GENESIS) : Optional.ofNullable(hashesAt.get(position));
    }

    /** The first place where the chain does not hold, and why. */
    public record BrokenLink(long position, String reason) {

        public static final String HASH_MISMATCH = "hash mismatch";
        public static final String GAP = "gap in positions";
        public static final String OUT_OF_ORDER = "position out of order";
    }
}
