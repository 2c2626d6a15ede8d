package se.nexus.notification;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.test.context.DynamicPropertyRegistrar;

import se.nexus.infrastructure.DemoClients;

/**
 * What every integration test of this service shares, so they all run in one application context: a clock
 * the tests move forward, agencies' systems behind webhooks with short timeouts and quick retries, and the agencies
 * that read their notifications from topics of their own.
 */
@TestConfiguration(proxyBeanMethods = false)
class NotificationTestConfiguration {

    static final String HEALTHY_AGENCY = "se.region-uppsala.vard";
    static final String HANGING_AGENCY = "se.aklagarmyndigheten";
    static final String HEALTHY_SECRET = "test-secret-of-vard";

    @Bean
    @Primary
    ShiftableClock shiftableClock() {
        return new ShiftableClock();
    }

    @Bean(destroyMethod = "close")
    AgencySystems agencySystems() {
        return new AgencySystems();
    }

    @Bean(destroyMethod = "close")
    Mailboxes mailboxes() {
        return new Mailboxes();
    }

    /** E-mail alerts on, to the test's mail server, tried again quickly; ROUTINE alerts in hourly digests. */
    @Bean
    DynamicPropertyRegistrar mailAlerts(Mailboxes mailboxes) {
        return registry -> {
            registry.add("spring.mail.host", () -> "127.0.0.1");
            registry.add("spring.mail.port", mailboxes::smtpPort);
            registry.add("nexus.notification.mail.enabled", () -> "true");
            registry.add("nexus.notification.mail.poll-interval", () -> "100ms");
            registry.add("nexus.notification.mail.initial-backoff", () -> "200ms");
            registry.add("nexus.notification.mail.max-backoff", () -> "1s");
            registry.add("nexus.notification.mail.defaults.routine-digest", () -> "1h");
            // The retention job runs only where a test calls it, so that no scheduled run takes a test's rows.
            registry.add("nexus.retention.enabled", () -> "false");
        };
    }

    @Bean
    DynamicPropertyRegistrar webhookEndpoints(AgencySystems systems) {
        return registry -> {
            String prefix = "nexus.notification.webhooks.";
            registry.add(prefix + "endpoints[0].agency", () -> HEALTHY_AGENCY);
            registry.add(prefix + "endpoints[0].url", () -> systems.url("/healthy"));
            registry.add(prefix + "endpoints[0].secret", () -> HEALTHY_SECRET);
            registry.add(prefix + "endpoints[1].agency", () -> HANGING_AGENCY);
            registry.add(prefix + "endpoints[1].url", () -> systems.url("/hanging"));
            registry.add(prefix + "endpoints[1].secret", () -> "test-secret-of-prosecution");
            registry.add(prefix + "poll-interval", () -> "100ms");
            registry.add(prefix + "initial-backoff", () -> "200ms");
            registry.add(prefix + "max-backoff", () -> "1s");
            registry.add(prefix + "max-attempts", () -> "4");
            registry.add(prefix + "request-timeout", () -> "1s");
            registry.add(prefix + "connect-timeout", () -> "1s");
            registry.add(prefix + "threads", () -> "4");
            registry.add(prefix + "per-agency-in-flight", () -> "2");
            registry.add(prefix + "lease", () -> "10s");
            registry.add("nexus.notification.stream.poll-interval", () -> "200ms");
        };
    }

    /** The agencies whose topics the test broker created and granted them: the demo's police and resource centre. */
    @Bean
    DynamicPropertyRegistrar agencyTopics() {
        return registry -> registry.add("nexus.notification.agency-topics.agencies",
            () -> String.join(",", DemoClients.withAgencyTopics()));
    }
}
