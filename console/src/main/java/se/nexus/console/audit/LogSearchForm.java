package se.nexus.console.audit;

/**
 * A search of the audit log as the auditor typed it, kept as typed so that a correction loses nothing. Times are
 * local ({@code datetime-local}: 2025-03-01T08:00); {@code page} comes from the pager's buttons.
 */
public class LogSearchForm {

    public String referralId;

    public String subjectRef;

    public String agency;

    public String eventType;

    public String from;

    public String to;

    public int page;
}
