package se.nexus.support.admission;

import java.time.Clock;
import java.time.Duration;

import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.admin.Admin;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.kafka.core.KafkaAdmin;

import se.nexus.support.outbox.OutboxAutoConfiguration;
import se.nexus.support.outbox.OutboxLag;
import se.nexus.support.web.Problems;
import se.nexus.support.web.WebSupportAutoConfiguration;

/**
 * Admission control of every service's {@code /api/} paths, on unless {@code nexus.admission.enabled=false}; the
 * outbox lag bound only in services with an outbox. Health, metrics and the OpenAPI description are never refused.
 */
@AutoConfiguration(after = { WebSupportAutoConfiguration.class, OutboxAutoConfiguration.class },
    afterName = "org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration")
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnProperty(prefix = "nexus.admission", name = "enabled", havingValue = "true", matchIfMissing = true)
@EnableConfigurationProperties(AdmissionProperties.class)
public class AdmissionAutoConfiguration {

    /**
     * Before Spring Security's filter chain (order -100), body limits (-50) and idempotency keys (0): a refusal costs
     * no token verification, reads no body and stores no key; it says nothing about any case either, so it needs no
     * caller.
     */
    static final int FILTER_ORDER = -110;

    @Bean
    @ConditionalOnBean(OutboxLag.class)
    OutboxLagWatch outboxLagWatch(OutboxLag lag, AdmissionProperties properties) {
        return new OutboxLagWatch(lag, properties.lagRefresh());
    }

    /** Where {@code nexus.admission.audit.group} names the audit service's consumer group. */
    @Bean
    @ConditionalOnBean(KafkaAdmin.class)
    @ConditionalOnExpression("!'${nexus.admission.audit.group:}'.isBlank()")
    AuditLagWatch auditLagWatch(KafkaAdmin kafka, AdmissionProperties properties, ObjectProvider<Clock> clock) {
        if (!properties.audit().watched()) {
            throw new IllegalStateException("nexus.admission.audit needs the topics the audit service records");
        }
        return new AuditLagWatch(Admin.create(kafka.getConfigurationProperties()), properties.audit(),
            properties.lagRefresh(), clock.getIfAvailable(Clock::systemUTC));
    }

    @Bean
    FilterRegistrationBean<AdmissionFilter> admissionFilter(AdmissionProperties properties,
            ObjectProvider<OutboxLagWatch> outboxLag, ObjectProvider<AuditLagWatch> auditLag, Problems problems,
            MeterRegistry meters) {
        OutboxLagWatch watch = outboxLag.getIfAvailable();
        AuditLagWatch audit = auditLag.getIfAvailable();
        var registration = new FilterRegistrationBean<>(new AdmissionFilter(properties,
            watch == null ? () -> Duration.ZERO : watch, audit == null ? () -> false : audit, problems, meters));
        registration.setOrder(FILTER_ORDER);
        registration.addUrlPatterns("/api/*");
        return registration;
    }
}
