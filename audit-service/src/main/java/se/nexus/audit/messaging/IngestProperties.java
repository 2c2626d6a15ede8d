package se.nexus.audit.messaging;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Which topics the audit log takes in ({@code nexus.audit}).
 *
 * @param topicPattern the topics whose events are appended: every {@code nexus.*} topic except the dead-letter
 *     topics, whose records are copies of ones already appended or unreadable, and the agencies' own topics, whose
 *     events repeat notifications the log already holds (and which only their agency may read where there are ACLs)
 */
@ConfigurationProperties("nexus.audit")
public record IngestProperties(@DefaultValue("nexus\\.(?!agency\\.)(?!.*\\.DLT$).*") String topicPattern) {
}
