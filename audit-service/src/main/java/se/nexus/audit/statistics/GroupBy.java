package se.nexus.audit.statistics;

import java.util.Arrays;
import java.util.Optional;

/** What the referrals are counted by, besides the month. */
public enum GroupBy {

    URGENCY("urgency"),
    SENDING_AGENCY_KIND("sendingAgencyKind"),
    RECEIVING_AGENCY_KIND("receivingAgencyKind"),
    /** A referral with several concerns counts under each, so this grouping has no totals. */
    CONCERN("concern"),
    /** {@code CONSENT} or the statutory provision a referral rests on. */
    LEGAL_BASIS("legalBasis");

    private final String parameter;

    GroupBy(String parameter) {
        this.parameter = parameter;
    }

    /** The name in the API ({@code groupBy=sendingAgencyKind}). */
    public String parameter() {
        return parameter;
    }

    static Optional<GroupBy> of(String parameter) {
        return Arrays.stream(values()).filter(groupBy -> groupBy.parameter.equals(parameter)).findFirst();
    }
}
