package se.nexus.audit.web;

import java.time.Instant;
import java.util.List;

import se.nexus.audit.chain.Entry;
import se.nexus.audit.chain.Hex;
import se.nexus.audit.log.StoredEntry;

/** One log entry as the auditor API shows it. */
record EntryView(long position, String eventId, String eventType, String topic, Integer partition, Long offset,
        Instant occurredAt, Instant appendedAt, String producer, String actingAgency, String actingUserRef,
        String referralId, String subjectRef, List<String> agencies, String details, String signingKeyId,
        String eventSignature, String hash) {

    static EntryView of(StoredEntry stored) {
        Entry e = stored.entry();
        return new EntryView(e.position(), e.eventId(), e.eventType(), e.topic(), e.partition(), e.offset(),
            e.occurredAt() == null ? null : Instant.ofEpochMilli(e.occurredAt()), Instant.ofEpochMilli(e.appendedAt()),
            e.producer(), e.actingAgency(), e.actingUserRef(), e.referralId(), e.subjectRef(), e.agencies(),
            e.details(), e.signingKeyId(), e.eventSignature(), Hex.of(stored.hash()));
    }
}
