package se.nexus.audit.chain;

import java.util.List;

/**
 * The fields of one log entry that its hash covers, in the order of the canonical encoding.
 * Times are epoch milliseconds; an absent value is null.
 */
public record Entry(long position, String eventId, String eventType, String topic, Integer partition, Long offset,
        Long occurredAt, long appendedAt, String producer, String actingAgency, String actingUserRef,
        String referralId, String subjectRef, List<String> agencies, String details) {

    public Entry {
        agencies = agencies == null ? List.of() : List.copyOf(agencies);
    }
}
