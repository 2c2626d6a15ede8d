package se.nexus.notification.notification;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How overdue notifications are chased ({@code nexus.notification.escalation}).
 *
 * @param checkInterval pause between two checks for notifications past their deadline
 * @param batchSize notifications escalated per transaction; a check continues until none are due
 */
@ConfigurationProperties("nexus.notification.escalation")
public record EscalationProperties(@DefaultValue("30s") Duration checkInterval, @DefaultValue("100") int batchSize) {
}
