package se.nexus.notification.retention;

import java.time.Period;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How long notifications are kept ({@code nexus.retention.notifications}); the job, its interval and the shared
 * records' periods are {@code nexus.retention}. A notification is a prompt to act, not a case record (the case is in
 * the referral service and in the agencies' own files); once acknowledged or escalated it serves only the follow-up
 * of how fast agencies answered, which looks at this year and the last.
 *
 * @param period how long a notification is kept after it was created, with its webhook and e-mail deliveries; only
 *     once it was acknowledged or escalated, or is itself an escalation notice (which nothing escalates further), and
 *     never while its referral is under legal hold
 */
@ConfigurationProperties("nexus.retention.notifications")
public record NotificationRetentionProperties(@DefaultValue("P2Y") Period period) {
}
