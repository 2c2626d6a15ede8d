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

    /** The names of the statuses in which a referral's case has ended, as stored: its retention period runs. */
    public static List<String> endedNames() {
        return Arrays.stream(values()).filter(status -> !status.isOpen()).map(Enum::name).toList();
    }

    boolean isOpen() {
        return this == SUBMITTED || this == RECEIVED || this == ACCEPTED;
    }
}
