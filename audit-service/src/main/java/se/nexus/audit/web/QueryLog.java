package se.nexus.audit.web;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

import se.nexus.audit.log.AuditLog;
import se.nexus.audit.log.EntryQuery;
import se.nexus.audit.log.NewEntry;
import se.nexus.audit.statistics.StatisticsQuery;
import se.nexus.support.security.Caller;

/** Appends every auditor read to the chain itself, before it runs: who asked, for what, and when. */
@Component
class QueryLog {

    static final String EVENT_TYPE = "AuditQueryPerformed";

    private final AuditLog auditLog;
    private final JsonMapper json;
    private final Clock clock;
    private final String producer;

    QueryLog(AuditLog auditLog, JsonMapper json, Clock clock, @Value("${spring.application.name}") String producer) {
        this.auditLog = auditLog;
        this.json = json;
        this.clock = clock;
        this.producer = producer;
    }

    void entriesSearched(Caller caller, EntryQuery query) {
        Map<String, Object> filters = new TreeMap<>();
        putIfPresent(filters, "referralId", query.referralId());
        putIfPresent(filters, "subjectRef", query.subjectRef());
        putIfPresent(filters, "agency", query.agency());
        putIfPresent(filters, "eventType", query.eventType());
        putIfPresent(filters, "from", query.from());
        putIfPresent(filters, "to", query.to());
        filters.put("page", query.page());
        filters.put("size", query.size());
        record(caller, "entries", filters);
    }

    /** One entry opened: the position goes into the details, like a search's filters. */
    void entryRead(Caller caller, long position) {
        record(caller, "entry", Map.of("position", position));
    }

    /** A person's extract: the log records whose extract was read, by whom. */
    void extractRead(Caller caller, String subjectRef, int page, int size) {
        Map<String, Object> filters = new TreeMap<>();
        filters.put("subjectRef", subjectRef);
        filters.put("page", page);
        filters.put("size", size);
        // Under the person's ref too, so that their next extract shows who read this one.
        record(caller, "extract", filters, subjectRef);
    }

    /** A flag of the access follow-up marked reviewed, with the code it was closed with. */
    void flagReviewed(Caller caller, long flag, String code) {
        record(caller, "flag-reviewed", Map.of("flag", flag, "code", code));
    }

    /** A statistics answer: for which months, grouped how and in which format. It holds no personal data. */
    void statisticsRead(Caller caller, StatisticsQuery query, String format) {
        record(caller, "statistics", new TreeMap<>(Map.of("from", query.from().toString(), "to", query.to().toString(),
            "groupBy", query.groupBy().parameter(), "format", format)));
    }

    void performed(Caller caller, String query) {
        record(caller, query, Map.of());
    }

    /**
     * The filters go into the details only, not into the referral and subject columns: otherwise every search for
     * a case would add a hit to the next search for that case.
     */
    private void record(Caller caller, String query, Map<String, Object> filters) {
        record(caller, query, filters, null);
    }

    private void record(Caller caller, String query, Map<String, Object> filters, String subjectRef) {
        // Sorted keys, so the stored details read the same however the request was phrased.
        String details = json.writeValueAsString(new TreeMap<>(Map.of("query", query, "filters", filters)));
        auditLog.append(List.of(new NewEntry(UUID.randomUUID().toString(), EVENT_TYPE, null, null, null,
            Instant.now(clock), producer, caller.agency(), caller.userRef(), null, subjectRef, Set.of(caller.agency()),
            details)));
    }

    private static void putIfPresent(Map<String, Object> filters, String name, Object value) {
        if (value != null) {
            filters.put(name, value.toString());
        }
    }
}
