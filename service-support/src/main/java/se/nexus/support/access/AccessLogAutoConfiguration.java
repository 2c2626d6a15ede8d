package se.nexus.support.access;

import java.time.Clock;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.transaction.support.TransactionTemplate;

import se.nexus.support.outbox.Outbox;
import se.nexus.support.outbox.OutboxAutoConfiguration;

/** The access log, for every service that publishes through the outbox (the services that hold case data). */
@AutoConfiguration(after = OutboxAutoConfiguration.class)
@ConditionalOnProperty(prefix = "nexus.outbox", name = "enabled", havingValue = "true")
@EnableConfigurationProperties(AccessLogProperties.class)
public class AccessLogAutoConfiguration {

    @Bean
    AccessLog accessLog(Outbox outbox, TransactionTemplate transactions, AccessLogProperties properties,
            @Value("${spring.application.name}") String producer) {
        return new AccessLog(outbox, transactions, properties, producer, Clock.systemUTC());
    }
}
