package se.nexus.support.access;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The access log ({@code nexus.access-log}).
 *
 * @param enabled whether reads and refusals are recorded (a service with an outbox records them by default)
 * @param consoleClientId the client id of the people's console, to tell its requests from other clients'
 * @param maxBatch how many access events one transaction writes at most
 * @param timeout how long an answer waits for its reads to be recorded before it is withheld (503)
 */
@ConfigurationProperties("nexus.access-log")
public record AccessLogProperties(@DefaultValue("true") boolean enabled,
        @DefaultValue("nexus-console") String consoleClientId, @DefaultValue("500") int maxBatch,
        @DefaultValue("5s") Duration timeout) {
}
