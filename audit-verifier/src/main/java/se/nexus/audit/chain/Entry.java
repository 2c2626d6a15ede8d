package se.nexus.audit.chain;

import java.util.List;

/**
 * The fields of one log entry that its hash covers, in the order of the canonical encoding.
 * Times are epoch milliseconds; an absent value is null.
 *
 * @param signingKeyId the id of the key the event was signed with by its producer; null for an entry that is not an
 *        event read from Kafka (an auditor's query) and for entries appended before events were signed
 * @param eventSignature the producer's Ed25519 signature of the event, base64; null where {@code signingKeyId} is
 */
public record Entry(long position, String eventId, String eventType, String topic, Integer partition, Long offset,
        Long occurredAt, long appendedAt, String producer, String actingAgency, String actingUserRef,
        String referralId, String subjectRef, List<String> agencies, String details, String signingKeyId,
        String eventSignature) {

    public Entry {
        agencies = agencies == null ? List.of() : List.copyOf(agencies);
    }

    /** An entry without an event signature. */
    public Entry(long position, String eventId, String eventType, String topic, Integer partition, Long offset,
            Long occurredAt, long appendedAt, String producer, String actingAgency, String actingUserRef,
            String referralId, String subjectRef, List<String> agencies, String details) {
        this(position, eventId, eventType, topic, partition, offset, occurredAt, appendedAt, producer, actingAgency,
            actingUserRef, referralId, subjectRef, agencies, details, null, null);
    }

    /** Whether the entry records its event's signature (encoded with {@link EntryEncoding#SIGNED_ENTRY_TAG}). */
    public boolean signed() {
        return signingKeyId != null || eventSignature != null;
    }
}
