package se.nexus.support.retention;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

import javax.sql.DataSource;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

import se.nexus.support.idempotency.IdempotencyAutoConfiguration;
import se.nexus.support.idempotency.IdempotencyProperties;
import se.nexus.support.outbox.Outbox;
import se.nexus.support.outbox.OutboxAutoConfiguration;

/**
 * The retention job, for every service that publishes through the outbox (the services that hold records): it
 * purges the shared mechanisms' records and the service's own {@link RetentionPolicy} beans, and reports each run
 * on {@code nexus.retention}. The service's Flyway locations include {@code classpath:db/support/retention}.
 */
@AutoConfiguration(after = { OutboxAutoConfiguration.class, IdempotencyAutoConfiguration.class })
@ConditionalOnProperty(prefix = "nexus.outbox", name = "enabled", havingValue = "true")
@EnableConfigurationProperties(RetentionProperties.class)
public class RetentionAutoConfiguration {

    @Bean
    RetentionJob retentionJob(ObjectProvider<RetentionPolicy> policies, JdbcClient jdbc, Outbox outbox,
            DataSource dataSource, TransactionTemplate transactions, RetentionProperties properties,
            ObjectProvider<IdempotencyProperties> idempotency, ObjectProvider<Clock> clock,
            @Value("${nexus.inbox.enabled:false}") boolean inbox, @Value("${spring.application.name}") String service) {
        List<RetentionPolicy> all = new ArrayList<>(policies.orderedStream().toList());
        all.add(SharedRecords.publishedEvents(jdbc, properties.publishedEvents()));
        if (inbox) {
            all.add(SharedRecords.processedEvents(jdbc, properties.processedEvents()));
        }
        idempotency.ifAvailable(settings -> all.add(SharedRecords.idempotencyRecords(jdbc, settings.ttl())));
        return new RetentionJob(all, new RetentionLedger(jdbc, outbox, service), dataSource, transactions, properties,
            clock.getIfAvailable(Clock::systemUTC));
    }

    @Bean
    RetentionSchedule retentionSchedule(RetentionJob job, RetentionProperties properties) {
        return new RetentionSchedule(job, properties);
    }
}
