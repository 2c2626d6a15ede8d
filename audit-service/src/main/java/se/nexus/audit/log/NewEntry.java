package se.nexus.audit.log;

import java.time.Instant;
import java.util.Set;

/**
 * What is to be appended: an event read from a topic, or an auditor's query (topic, partition and offset
 * then absent). Only identifiers and codes, never personal data or free text.
 */
public record NewEntry(String eventId, String eventType, String topic, Integer partition, Long offset,
        Instant occurredAt, String producer, String actingAgency, String actingUserRef, String referralId,
        String subjectRef, Set<String> agencies, String details) {

    public NewEntry {
        agencies = agencies == null ? Set.of() : Set.copyOf(agencies);
    }
}
