package se.nexus.audit.verify;

/**
 * The outcome of recomputing the chain and checking every checkpoint against it.
 *
 * @param valid the chain and all checkpoints hold
 * @param length the number of entries in the log
 * @param headHash the stored hash of the last entry, hex
 * @param verifiedLength how many entries from the start hold
 * @param firstBrokenPosition the first position that does not hold, or null
 * @param reason why it does not hold ({@code hash mismatch}, {@code gap in positions}), or null
 * @param checkpoints how the checkpoints fared
 */
public record Verification(boolean valid, long length, String headHash, long verifiedLength, Long firstBrokenPosition,
        String reason, CheckpointReport checkpoints) {

    /** How many checkpoints there are, whether all hold, and the first that does not. */
    public record CheckpointReport(int count, boolean valid, InvalidCheckpoint firstInvalid) {
    }

    /** A checkpoint that does not hold, and why. */
    public record InvalidCheckpoint(long id, long length, String reason) {
    }
}
