package se.nexus.audit.web;

import java.time.Instant;
import java.util.List;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import se.nexus.audit.log.StoredEntry;
import se.nexus.audit.chain.Entry;

/**
 * What the log holds about one person, newest first: each read of their case data, each refused attempt and each
 * change, with the agency and user ref, when, and on which legal basis. References and codes only.
 */
record SubjectExtract(String subjectRef, int page, int size, long total, List<Line> entries) {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    /**
     * One entry of the extract.
     *
     * @param kind READ (case data was shown), REFUSED (an attempt was refused), CHANGE (the case changed) or
     *     EXTRACT_READ (an auditor read this extract)
     * @param eventType the event's short name, e.g. CaseAccessed, ReferralSubmitted
     * @param legalBasis CONSENT, STATUTORY, or the provision code, where the event disclosed on one
     */
    record Line(long position, Instant occurredAt, String kind, String eventType, String agency, String userRef,
            String recordType, String recordId, String referralId, String legalBasis, String role, String holder,
            String channel, Boolean freeTextRevealed, String outcome) {
    }

    static Line line(StoredEntry stored) {
        Entry e = stored.entry();
        String type = e.eventType().substring(e.eventType().lastIndexOf('.') + 1);
        JsonNode details = e.details() == null ? JSON.createObjectNode() : JSON.readTree(e.details());
        String kind = switch (type) {
            case "CaseAccessed" -> "READ";
            case "AccessRefused" -> "REFUSED";
            case QueryLog.EVENT_TYPE -> "EXTRACT_READ";
            default -> "CHANGE";
        };
        JsonNode basis = details.path("legalBasis");
        String legalBasis = basis.isMissingNode() ? null
            : basis.hasNonNull("provisionCode") ? basis.get("provisionCode").asString() : basis.path("type").asString(null);
        return new Line(e.position(), e.occurredAt() == null ? null : Instant.ofEpochMilli(e.occurredAt()), kind, type,
            e.actingAgency(), e.actingUserRef(), text(details, "recordType"), text(details, "recordId"), e.referralId(),
            legalBasis, text(details, "role"), text(details, "holder"), text(details, "channel"),
            details.has("freeTextRevealed") ? details.get("freeTextRevealed").asBoolean() : null, text(details, "outcome"));
    }

    private static String text(JsonNode node, String name) {
        return node.hasNonNull(name) ? node.get(name).asString() : null;
    }
}
