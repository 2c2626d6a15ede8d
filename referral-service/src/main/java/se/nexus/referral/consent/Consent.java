package se.nexus.referral.consent;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import se.nexus.referral.referral.Purpose;

/**
 * A subject's consent to share their case with named agencies, for one purpose and named data categories,
 * for a limited time (OSL 12:2). It can be withdrawn at any time and expires by itself.
 */
public record Consent(UUID id, String subjectRef, String recordedBy, List<String> grantedTo, Purpose purpose,
        List<String> dataCategories, LocalDate validFrom, LocalDate validUntil, String obtained, Status status,
        Instant createdAt, Instant endedAt) {

    public enum Status {
        ACTIVE, WITHDRAWN, EXPIRED
    }

    boolean covers(String subject, String agency, Purpose forPurpose, LocalDate today) {
        return status == Status.ACTIVE && subjectRef.equals(subject) && grantedTo.contains(agency) && purpose == forPurpose
            && !today.isBefore(validFrom) && !today.isAfter(validUntil);
    }

    /** The agencies that recorded or are named in the consent may see it, rely on it and withdraw it. */
    boolean isVisibleTo(String agency) {
        return recordedBy.equals(agency) || grantedTo.contains(agency);
    }
}
