package se.nexus.support.retention;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The retention job and the periods of the records every service shares ({@code nexus.retention}); each service's
 * own record classes have their periods in its own properties. Idempotency records are kept for
 * {@code nexus.idempotency.ttl}, the time they are meant to be remembered, and no longer.
 *
 * @param enabled whether the job runs on its schedule (it can still be run by hand, as the tests do)
 * @param interval pause between two runs; the first comes one interval after start-up
 * @param batchSize records deleted per transaction, so that a run never holds many locks or a long transaction
 * @param publishedEvents how long an outbox row is kept after it was published: seven days, Kafka's default topic
 *     retention, so the outbox never holds an event longer than the topic does, and an operator can still compare
 *     or republish a week's events after an incident
 * @param processedEvents how long the id of a consumed event is remembered: far longer than any redelivery (a
 *     rebalance or a restart redelivers within minutes; a consumer group reset to the earliest offset replays at most
 *     the topic's retention, seven days), so a replay is still recognised; keep it above the topics' retention
 */
@ConfigurationProperties("nexus.retention")
public record RetentionProperties(@DefaultValue("true") boolean enabled, @DefaultValue("1h") Duration interval,
        @DefaultValue("500") int batchSize, @DefaultValue("7d") Duration publishedEvents,
        @DefaultValue("30d") Duration processedEvents) {
}
