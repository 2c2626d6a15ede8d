package se.nexus.audit.messaging;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Which topics the audit log takes in ({@code nexus.audit}).
 *
 * @param topicPattern the topics whose events are appended: every {@code nexus.*} topic except the dead-letter
 *     topics, whose records are copies of ones already appended or unreadable
 */
@ConfigurationProperties("nexus.audit")
public record IngestProperties(@DefaultValue("nexus\\.(?!.*\\.DLT$).*") String topicPattern) {
}
