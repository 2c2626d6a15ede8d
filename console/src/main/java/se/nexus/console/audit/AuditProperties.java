package se.nexus.console.audit;

import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * What the auditor's log search offers. Configuration, so that a new event type needs no code.
 * @param eventTypes the event types to search for, by their full names as the log records them (the form shows their
 *     short names)
 */
@ConfigurationProperties("nexus.console.audit")
public record AuditProperties(List<String> eventTypes) {

    public AuditProperties {
        eventTypes = List.copyOf(eventTypes);
    }
}
