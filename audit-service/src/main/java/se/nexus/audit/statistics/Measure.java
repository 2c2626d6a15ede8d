package se.nexus.audit.statistics;

/** What a row of {@code statistics_counts} counts; its category says under which code. */
enum Measure {

    /** Referrals submitted, by urgency. */
    REFERRALS_BY_URGENCY("referrals.urgency"),
    /** Referrals submitted, by the id of the sending agency (its kind is looked up when asked). */
    REFERRALS_BY_SENDER("referrals.fromAgency"),
    /** Referrals submitted, by the id of the receiving agency. */
    REFERRALS_BY_RECEIVER("referrals.toAgency"),
    /** Referrals submitted, once under each of their concerns. */
    REFERRALS_BY_CONCERN("referrals.concern"),
    /** Referrals submitted, by {@code CONSENT} or the statutory provision they rest on. */
    REFERRALS_BY_LEGAL_BASIS("referrals.legalBasis"),
    /** Referrals declined, by reason code. */
    DECLINES("declines.reason"),
    /** Handovers, withdrawals and revoked consents, by what happened. */
    CASE_EVENTS("caseEvents"),
    /** Coordinators notified, by urgency, in the month of the notification. */
    NOTIFIED("notifications.notified"),
    /** Notifications acknowledged by their deadline, by urgency, in the month of the notification. */
    ACKNOWLEDGED_IN_TIME("notifications.inTime"),
    /** Notifications acknowledged after their deadline, likewise. */
    ACKNOWLEDGED_LATE("notifications.late"),
    /** Notifications escalated, by urgency, in the month of the escalation. */
    ESCALATIONS("escalations");

    private final String column;

    Measure(String column) {
        this.column = column;
    }

    /** The value stored in {@code statistics_counts.measure}. */
    String column() {
        return column;
    }

    static Measure ofColumn(String column) {
        for (Measure measure : values()) {
            if (measure.column.equals(column)) {
                return measure;
            }
        }
        throw new IllegalArgumentException("No measure is stored as " + column);
    }
}
