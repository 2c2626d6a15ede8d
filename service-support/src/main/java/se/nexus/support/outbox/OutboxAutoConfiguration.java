package se.nexus.support.outbox;

import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/** The outbox and its relay, for services that set {@code nexus.outbox.enabled=true}. */
@AutoConfiguration
@ConditionalOnProperty(prefix = "nexus.outbox", name = "enabled", havingValue = "true")
@EnableConfigurationProperties(OutboxProperties.class)
public class OutboxAutoConfiguration {

    @Bean
    Outbox outbox(JdbcClient jdbc, JdbcTemplate jdbcTemplate) {
        return new Outbox(jdbc, jdbcTemplate);
    }

    @Bean
    OutboxLag outboxLag(JdbcClient jdbc, OutboxProperties properties, MeterRegistry meters) {
        return new OutboxLag(jdbc, properties.lagThreshold(), meters);
    }

    @Bean
    @SuppressWarnings("unchecked")
    OutboxRelay outboxRelay(JdbcClient jdbc, TransactionTemplate transactions, KafkaTemplate<?, ?> kafka,
            OutboxProperties properties) {
        // Boot's template is declared with wildcards; keys here are strings and values Avro records.
        return new OutboxRelay(jdbc, transactions, (KafkaTemplate<String, Object>) kafka, properties);
    }
}
