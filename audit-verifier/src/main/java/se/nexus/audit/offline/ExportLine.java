package se.nexus.audit.offline;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import se.nexus.audit.chain.Entry;
import se.nexus.audit.chain.SignedCheckpoint;

/** One line of an export, checked field by field against the documented format. */
sealed interface ExportLine {

    Set<String> ENTRY_FIELDS = Set.of("kind", "position", "eventId", "eventType", "topic", "partition", "offset",
        "occurredAt", "appendedAt", "producer", "actingAgency", "actingUserRef", "referralId", "subjectRef",
        "agencies", "details", "signingKeyId", "eventSignature", "hash");
    /** An entry line of an export written before events were signed: without their two fields. */
    Set<String> UNSIGNED_ENTRY_FIELDS = ENTRY_FIELDS.stream()
        .filter(name -> !name.equals("signingKeyId") && !name.equals("eventSignature"))
        .collect(Collectors.toUnmodifiableSet());
    Set<String> CHECKPOINT_FIELDS = Set.of("kind", "id", "length", "headHash", "signedAt", "algorithm", "signature",
        "publicKey");
    Set<String> KEY_FIELDS = Set.of("kind", "algorithm", "publicKey", "trustedPublicKeys");

    /** An entry with the hash the export claims for it. */
    record EntryLine(Entry entry, byte[] hash) implements ExportLine {
    }

    /** A signed checkpoint; {@code id} is the service's number for it and is not signed. */
    record CheckpointLine(long id, SignedCheckpoint checkpoint) implements ExportLine {
    }

    /** The last line: the key that signs checkpoints now, and every key the service trusts (base64 X.509). */
    record KeyLine(String publicKey, List<String> trustedPublicKeys) implements ExportLine {
    }

    /** Parses one line; throws IllegalArgumentException naming the first thing that does not fit the format. */
    static ExportLine parse(String text) {
        if (!(Json.parse(text) instanceof Map<?, ?> object)) {
            throw new IllegalArgumentException("not a JSON object");
        }
        Fields fields = new Fields(object);
        Object kind = object.get("kind");
        if ("entry".equals(kind)) {
            return entry(fields.exactly(object.containsKey("signingKeyId") || object.containsKey("eventSignature")
                ? ENTRY_FIELDS : UNSIGNED_ENTRY_FIELDS));
        }
        if ("checkpoint".equals(kind)) {
            return checkpoint(fields.exactly(CHECKPOINT_FIELDS));
        }
        if ("publicKey".equals(kind)) {
            return key(fields.exactly(KEY_FIELDS));
        }
        throw new IllegalArgumentException("unknown kind " + kind);
    }

    private static EntryLine entry(Fields f) {
        Long partition = f.optionalInteger("partition");
        if (partition != null && partition != partition.intValue()) {
            throw new IllegalArgumentException("partition is not a 32-bit integer");
        }
        Entry entry = new Entry(f.integer("position"), f.text("eventId"), f.text("eventType"),
            f.optionalText("topic"), partition == null ? null : partition.intValue(), f.optionalInteger("offset"),
            f.optionalInteger("occurredAt"), f.integer("appendedAt"), f.optionalText("producer"),
            f.optionalText("actingAgency"), f.optionalText("actingUserRef"), f.optionalText("referralId"),
            f.optionalText("subjectRef"), f.texts("agencies"), f.optionalText("details"),
            f.optionalText("signingKeyId"), f.optionalSignature("eventSignature"));
        return new EntryLine(entry, f.hash("hash"));
    }

    private static CheckpointLine checkpoint(Fields f) {
        f.algorithm();
        SignedCheckpoint checkpoint = new SignedCheckpoint(f.integer("length"), f.hash("headHash"),
            f.integer("signedAt"), f.signature("signature"), Fields.keyBytes(f.text("publicKey"), "publicKey"));
        return new CheckpointLine(f.integer("id"), checkpoint);
    }

    private static KeyLine key(Fields f) {
        f.algorithm();
        String publicKey = f.text("publicKey");
        Fields.keyBytes(publicKey, "publicKey");
        List<String> trusted = f.texts("trustedPublicKeys");
        trusted.forEach(each -> Fields.keyBytes(each, "trustedPublicKeys"));
        return new KeyLine(publicKey, trusted);
    }
}
