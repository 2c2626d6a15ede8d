package se.nexus.support.outbox;

import javax.sql.DataSource;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.propagation.Propagator;
import org.postgresql.Driver;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.jdbc.autoconfigure.JdbcConnectionDetails;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.SimpleDriverDataSource;
import org.springframework.kafka.core.KafkaTemplate;

/** The outbox and its relay, for services that set {@code nexus.outbox.enabled=true}. */
@AutoConfiguration
@ConditionalOnProperty(prefix = "nexus.outbox", name = "enabled", havingValue = "true")
@EnableConfigurationProperties(OutboxProperties.class)
public class OutboxAutoConfiguration {

    /** The trace context from the writing request or record to the send, where tracing is on. */
    @Bean
    EventTrace eventTrace(ObjectProvider<Tracer> tracer, ObjectProvider<Propagator> propagator) {
        return new EventTrace(tracer.getIfAvailable(), propagator.getIfAvailable());
    }

    @Bean
    RelayWakeUp relayWakeUp() {
        return new RelayWakeUp();
    }

    @Bean
    Outbox outbox(JdbcClient jdbc, JdbcTemplate jdbcTemplate, EventTrace trace, RelayWakeUp wakeUp) {
        return new Outbox(jdbc, jdbcTemplate, trace, wakeUp);
    }

    @Bean
    OutboxLag outboxLag(JdbcClient jdbc, OutboxProperties properties, MeterRegistry meters) {
        return new OutboxLag(jdbc, properties.lagThreshold(), meters);
    }

    @Bean
    @SuppressWarnings("unchecked")
    OutboxRelay outboxRelay(JdbcConnectionDetails database, KafkaTemplate<?, ?> kafka, OutboxProperties properties,
            EventTrace trace, RelayWakeUp wakeUp) {
        // Boot's template is declared with wildcards; keys here are strings and values Avro records.
        return new OutboxRelay(relaySessions(database), (KafkaTemplate<String, Object>) kafka, properties, trace,
            wakeUp);
    }

    /**
     * Connections of their own, outside the pool: a relay's partitions are locks of its session, which must end when
     * the relay lets go of it. PostgreSQL only, like the relay's locks.
     */
    private static DataSource relaySessions(JdbcConnectionDetails database) {
        return new SimpleDriverDataSource(new Driver(), database.getJdbcUrl(), database.getUsername(),
            database.getPassword());
    }
}
