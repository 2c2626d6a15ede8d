package se.nexus.audit.chain;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The canonical bytes of an entry and of a checkpoint statement (see the module's README): a domain tag
 * and then each field as a 4-byte big-endian length and its UTF-8 bytes, -1 for an absent value; numbers
 * as decimal text; a list as a 4-byte count followed by its elements.
 */
public final class EntryEncoding {

    /** Tag that starts the bytes of every entry, so entry bytes can never be mistaken for other signed data. */
    public static final String ENTRY_TAG = "nexus.audit.entry.v1";

    /**
     * Tag that starts the bytes of an entry that records its event's signature: the fields of a
     * {@link #ENTRY_TAG} entry, then the signing key's id and the signature. Entries without one keep the first
     * encoding, so that every entry appended before events were signed still verifies.
     */
    public static final String SIGNED_ENTRY_TAG = "nexus.audit.entry.v2";

    /** Tag that starts the bytes of every checkpoint statement. */
    public static final String CHECKPOINT_TAG = "nexus.audit.checkpoint.v1";

    private final ByteArrayOutputStream out = new ByteArrayOutputStream(512);

    private EntryEncoding(String tag) {
        text(tag);
    }

    public static byte[] canonical(Entry entry) {
        EntryEncoding encoding = new EntryEncoding(entry.signed() ? SIGNED_ENTRY_TAG : ENTRY_TAG)
            .number(entry.position()).text(entry.eventId()).text(entry.eventType())
            .text(entry.topic()).number(entry.partition()).number(entry.offset())
            .number(entry.occurredAt()).number(entry.appendedAt())
            .text(entry.producer()).text(entry.actingAgency()).text(entry.actingUserRef())
            .text(entry.referralId()).text(entry.subjectRef());
        encoding.list(entry.agencies()).text(entry.details());
        if (entry.signed()) {
            encoding.text(entry.signingKeyId()).text(entry.eventSignature());
        }
        return encoding.out.toByteArray();
    }

    /** The statement a checkpoint signs: the chain held {@code length} entries ending in {@code headHash} at {@code signedAt}. */
    public static byte[] checkpointStatement(long length, byte[] headHash, long signedAt) {
        return new EntryEncoding(CHECKPOINT_TAG).number(length).text(Hex.of(headHash)).number(signedAt).out.toByteArray();
    }

    private EntryEncoding text(String value) {
        if (value == null) {
            out.writeBytes(ByteBuffer.allocate(4).putInt(-1).array());
            return this;
        }
        byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
        out.writeBytes(ByteBuffer.allocate(4).putInt(bytes.length).array());
        out.writeBytes(bytes);
        return this;
    }

    private EntryEncoding number(Number value) {
        return text(value == null ? null : Long.toString(value.longValue()));
    }

    private EntryEncoding list(List<String> values) {
        out.writeBytes(ByteBuffer.allocate(4).putInt(values.size()).array());
        values.forEach(this::text);
        return this;
    }
}
