package se.nexus.audit.log;

import java.time.Instant;

/** Filters of an auditor's search (each optional) and the page asked for; times bound the event's time, to exclusive. */
public record EntryQuery(String referralId, String subjectRef, String agency, String eventType, Instant from,
        Instant to, int page, int size) {
}
