package se.nexus.audit.log;

/**
 * An entry as stored and the stored hash of the entry before it, which its own hash was chained to.
 *
 * @param previousHash null for the first position, and where the entry before is missing
 */
public record LinkedEntry(StoredEntry stored, byte[] previousHash) {
}
