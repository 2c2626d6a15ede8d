package se.nexus.support.idempotency;

import java.time.Clock;
import java.time.Instant;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;

import se.nexus.support.web.Problems;

/** Idempotency keys for services that set {@code nexus.idempotency.enabled=true}. */
@AutoConfiguration
@ConditionalOnProperty(prefix = "nexus.idempotency", name = "enabled", havingValue = "true")
@EnableConfigurationProperties(IdempotencyProperties.class)
public class IdempotencyAutoConfiguration {

    /** After Spring Security's filter chain (order -100), so the caller's agency is known. */
    static final int FILTER_ORDER = 0;

    @Bean
    IdempotencyKeys idempotencyKeys(JdbcClient jdbc) {
        return new IdempotencyKeys(jdbc);
    }

    @Bean
    FilterRegistrationBean<IdempotencyFilter> idempotencyFilter(IdempotencyKeys keys, IdempotencyProperties properties,
            AnswerProtection protection, Problems problems, ObjectProvider<Clock> clock) {
        var registration = new FilterRegistrationBean<>(
            new IdempotencyFilter(keys, properties, protection, problems, clock.getIfAvailable(Clock::systemUTC)));
        registration.setOrder(FILTER_ORDER);
        registration.addUrlPatterns("/api/*");
        return registration;
    }

    @Bean
    IdempotencyKeyExpiry idempotencyKeyExpiry(IdempotencyKeys keys, IdempotencyProperties properties,
            ObjectProvider<Clock> clock) {
        return new IdempotencyKeyExpiry(keys, properties, clock.getIfAvailable(Clock::systemUTC));
    }

    /** Forgets keys older than the configured time. */
    static class IdempotencyKeyExpiry {

        private final IdempotencyKeys keys;
        private final IdempotencyProperties properties;
        private final Clock clock;

        IdempotencyKeyExpiry(IdempotencyKeys keys, IdempotencyProperties properties, Clock clock) {
            this.keys = keys;
            this.properties = properties;
            this.clock = clock;
        }

        @Scheduled(fixedDelayString = "PT10M")
        int expire() {
            return keys.expire(Instant.now(clock).minus(properties.ttl()));
        }
    }
}
