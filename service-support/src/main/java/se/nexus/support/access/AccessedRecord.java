package se.nexus.support.access;

/**
 * One record an answer disclosed: what it is, which case and person it belongs to, and whether free text was in it.
 *
 * @param recordType REFERRAL, REFERRAL_HISTORY, CONSENT, HANDOVER or NOTIFICATION
 */
public record AccessedRecord(String recordType, String recordId, String referralId, String subjectRef,
        boolean freeTextRevealed) {
}
