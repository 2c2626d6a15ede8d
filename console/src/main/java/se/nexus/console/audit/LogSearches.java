package se.nexus.console.audit;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.format.DateTimeParseException;
import java.util.Collection;
import java.util.UUID;

import org.springframework.validation.Errors;

import se.nexus.console.api.AuditApi;
import se.nexus.console.web.Formats;

/**
 * Turns a typed search into the audit service's filters, or marks each field that cannot be one: the auditor sees
 * the mistake on the field, before anything is asked of the service (or logged there).
 */
final class LogSearches {

    /** As the audit service stores subject refs. */
    static final String SUBJECT_REF = "[A-Za-z0-9][A-Za-z0-9._-]{0,63}";

    private LogSearches() {
    }

    /** The filters, or null when a field is rejected (each on {@code errors}). */
    static AuditApi.Search of(LogSearchForm form, Errors errors, Collection<String> agencies,
            Collection<String> eventTypes) {
        String referralId = blankToNull(form.referralId);
        if (referralId != null && !isUuid(referralId)) {
            errors.rejectValue("referralId", "invalid.referralId");
        }
        String subjectRef = blankToNull(form.subjectRef);
        if (subjectRef != null && !subjectRef.matches(SUBJECT_REF)) {
            errors.rejectValue("subjectRef", "invalid.subjectRef");
        }
        String agency = oneOf(blankToNull(form.agency), agencies, "agency", errors);
        String eventType = oneOf(blankToNull(form.eventType), eventTypes, "eventType", errors);
        Instant from = time(form.from, "from", errors);
        Instant to = time(form.to, "to", errors);
        if (from != null && to != null && !from.isBefore(to)) {
            errors.rejectValue("to", "invalid.to");
        }
        return errors.hasErrors() ? null : new AuditApi.Search(referralId, subjectRef, agency, eventType, from, to);
    }

    private static String oneOf(String value, Collection<String> allowed, String field, Errors errors) {
        if (value != null && !allowed.contains(value)) {
            errors.rejectValue(field, "invalid." + field);
        }
        return value;
    }

    private static Instant time(String typed, String field, Errors errors) {
        String value = blankToNull(typed);
        if (value == null) {
            return null;
        }
        try {
            return LocalDateTime.parse(value).atZone(Formats.LOCAL).toInstant();
        }
        catch (DateTimeParseException notATime) {
            errors.rejectValue(field, "invalid." + field);
            return null;
        }
    }

    private static boolean isUuid(String value) {
        try {
            return UUID.fromString(value).toString().equalsIgnoreCase(value);
        }
        catch (IllegalArgumentException notAUuid) {
            return false;
        }
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }
}
