package se.nexus.audit.log;

import java.time.Instant;
import java.util.Set;

/**
 * What is to be appended: an event read from a topic, with the key id and signature its producer signed it with, or
 * an auditor's query (topic, partition, offset and signature then absent). Only identifiers and codes, never personal
 * data or free text.
 */
public record NewEntry(String eventId, String eventType, String topic, Integer partition, Long offset,
        Instant occurredAt, String producer, String actingAgency, String actingUserRef, String referralId,
        String subjectRef, Set<String> agencies, String details, String signingKeyId, String eventSignature) {

    public NewEntry {
        agencies = agencies == null ? Set.of() : Set.copyOf(agencies);
    }

    /** An entry without a signature: an auditor's query. */
    public NewEntry(String eventId, String eventType, String topic, Integer partition, Long offset,
            Instant occurredAt, String producer, String actingAgency, String actingUserRef, String referralId,
            String subjectRef, Set<String> agencies, String details) {
        this(eventId, eventType, topic, partition, offset, occurredAt, producer, actingAgency, actingUserRef,
            referralId, subjectRef, agencies, details, null, null);
    }
}
