package se.nexus.audit.web;

import se.nexus.audit.chain.Hex;
import se.nexus.audit.log.LinkedEntry;

/**
 * One entry as the search shows it, with the hash it was chained to: its own hash is SHA-256 of that hash and the
 * entry's canonical bytes.
 *
 * @param previousHash the stored hash of the entry before, hex; null for position 1
 */
record ChainedEntry(EntryView entry, String previousHash) {

    static ChainedEntry of(LinkedEntry linked) {
        return new ChainedEntry(EntryView.of(linked.stored()),
            linked.previousHash() == null ? null : Hex.of(linked.previousHash()));
    }
}
