package se.nexus.audit.statistics;

import java.time.Instant;
import java.time.YearMonth;

import tools.jackson.databind.JsonNode;

/** The parts of a chain entry the statistics read: never who acted, never free text. */
record ProjectedEntry(long position, String eventType, Instant at, String referralId, String subjectRef,
        JsonNode details) {

    /** When the event happened, as a month {@code YYYY-MM}. */
    String month() {
        return YearMonth.from(at.atZone(StatisticsQuery.ZONE)).toString();
    }

    /** A code of the details, or {@code UNKNOWN} for an entry appended before its event's codes were kept. */
    String code(String name) {
        return details.path(name).asString(Categories.UNKNOWN);
    }
}
