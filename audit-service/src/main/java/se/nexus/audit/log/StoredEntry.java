package se.nexus.audit.log;

import se.nexus.audit.chain.Entry;

/** An entry as stored, with the chain hash stored beside it. */
public record StoredEntry(Entry entry, byte[] hash) {
}
