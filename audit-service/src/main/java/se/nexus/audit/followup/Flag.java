package se.nexus.audit.followup;

import java.time.Instant;

/**
 * A read or attempt that looks wrong, for an auditor to review: references and codes only.
 *
 * @param kind PROTECTED_IDENTITY_READ, REFUSED_ATTEMPT or MANY_CASES_READ
 * @param entryPosition the chain entry that raised it
 */
public record Flag(long id, String kind, long entryPosition, String agency, String userRef, String referralId,
        String subjectRef, Instant raisedAt, Instant reviewedAt, String reviewedAgency, String reviewedBy,
        String reviewCode) {

    public static final String PROTECTED_IDENTITY_READ = "PROTECTED_IDENTITY_READ";
    public static final String REFUSED_ATTEMPT = "REFUSED_ATTEMPT";
    public static final String MANY_CASES_READ = "MANY_CASES_READ";
}
