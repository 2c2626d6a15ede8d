package se.nexus.support.idempotency;

import java.time.Clock;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.core.simple.JdbcClient;

import se.nexus.support.web.Problems;

/**
 * Idempotency keys for services that set {@code nexus.idempotency.enabled=true}. Keys older than their time to live
 * are deleted by the retention job (se.nexus.support.retention).
 */
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
}
