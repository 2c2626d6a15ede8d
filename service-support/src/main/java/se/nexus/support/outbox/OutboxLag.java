package se.nexus.support.outbox;

import java.time.Duration;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * How far the outbox is behind: the age of the oldest unpublished event. Exposed as the gauge
 * {@code nexus.outbox.lag} (seconds) and as a health indicator that takes the service out of service
 * past the threshold, so a load balancer stops sending work the service cannot deliver in time.
 */
public class OutboxLag implements HealthIndicator {

    private final JdbcClient jdbc;
    private final Duration threshold;

    OutboxLag(JdbcClient jdbc, Duration threshold, MeterRegistry meters) {
        this.jdbc = jdbc;
        this.threshold = threshold;
        Gauge.builder("nexus.outbox.lag", this, lag -> lag.current().toMillis() / 1000.0)
            .description("Age of the oldest unpublished outbox event")
            .baseUnit("seconds")
            .register(meters);
    }

    /** The age of the oldest unpublished event, zero when everything is published. */
    public Duration current() {
        Double seconds = jdbc.sql("""
                SELECT COALESCE(EXTRACT(EPOCH FROM now() - min(created_at)), 0) FROM outbox
                WHERE published_at IS NULL""")
            .query(Double.class).single();
        return Duration.ofMillis(Math.round(seconds * 1000));
    }

    @Override
    public Health health() {
        Duration lag = current();
        Status status = lag.compareTo(threshold) > 0 ? Status.OUT_OF_SERVICE : Status.UP;
        return Health.status(status).withDetail("lagSeconds", lag.toSeconds())
            .withDetail("thresholdSeconds", threshold.toSeconds()).build();
    }
}
