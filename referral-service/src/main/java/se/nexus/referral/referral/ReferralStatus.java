package se.nexus.referral.referral;

/** Where a referral stands; aligned with the status set of HL7 FHIR {@code Task}. */
public enum ReferralStatus {
    SUBMITTED, RECEIVED, ACCEPTED, DECLINED, WITHDRAWN, CLOSED;

    boolean isOpen() {
        return this == SUBMITTED || this == RECEIVED || this == ACCEPTED;
    }
}
