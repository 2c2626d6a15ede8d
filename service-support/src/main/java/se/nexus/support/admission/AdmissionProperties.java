package se.nexus.support.admission;

import java.time.Duration;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Admission control of the HTTP API ({@code nexus.admission}): what an instance refuses at once, before it reads a
 * request, rather than accept work it cannot do or deliver in time.
 *
 * @param enabled whether the API refuses at all
 * @param maxInFlight requests under {@code /api/} this instance handles at once; one more is answered 429
 * @param retryAfter what a 429 tells the client to wait
 * @param maxOutboxLag outbox lag (the oldest unpublished event's age) past which state-changing requests are answered
 *     503; only in services with an outbox
 * @param outboxLagRetryAfter what such a 503 tells the client to wait
 * @param lagRefresh how often the outbox and audit lags are measured for admission; requests read the last measure
 * @param audit the audit lag past which state-changing requests are answered 503: off unless a group is named
 */
@ConfigurationProperties("nexus.admission")
public record AdmissionProperties(
        @DefaultValue("true") boolean enabled,
        @DefaultValue("64") int maxInFlight,
        @DefaultValue("1s") Duration retryAfter,
        @DefaultValue("30s") Duration maxOutboxLag,
        @DefaultValue("10s") Duration outboxLagRetryAfter,
        @DefaultValue("500ms") Duration lagRefresh,
        @DefaultValue Audit audit) {

    public AdmissionProperties {
        if (maxInFlight < 1) {
            throw new IllegalArgumentException("nexus.admission.max-in-flight must be at least 1");
        }
    }

    /**
     * Fail closed when the audit log falls behind ({@code nexus.admission.audit}): no new disclosure while an event this
     * service published has waited longer than {@code max-lag} to be recorded.
     *
     * @param group the audit service's consumer group; blank = not watched
     * @param topics the topics of this service's events that the audit service records
     * @param maxLag how long an event may wait to be recorded before changes are refused
     * @param retryAfter what such a 503 tells the client to wait
     */
    public record Audit(String group, @DefaultValue List<String> topics, @DefaultValue("60s") Duration maxLag,
            @DefaultValue("10s") Duration retryAfter) {

        public Audit {
            topics = topics == null ? List.of() : List.copyOf(topics);
        }

        public boolean watched() {
            return group != null && !group.isBlank() && !topics.isEmpty();
        }
    }
}
