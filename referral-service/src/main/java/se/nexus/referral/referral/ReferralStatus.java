package se.nexus.referral.referral;

import java.util.Arrays;
import java.util.List;

/** Where a referral stands; aligned with the status set of HL7 FHIR {@code Task}. */
public enum ReferralStatus {
    SUBMITTED, RECEIVED, ACCEPTED, DECLINED, WITHDRAWN, CLOSED;

    /** The names of the statuses in which a referral is still being worked on, as stored. */
    static List<String> openNames() {
        return Arrays.stream(values()).filter(ReferralStatus::isOpen).map(Enum::name).toList();
    }

    boolean isOpen() {
        return this == SUBMITTED || this == RECEIVED || this == ACCEPTED;
    }
}
