package se.nexus.support.deadletter;

import java.time.Clock;
import java.util.List;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.ApplicationListener;
import org.springframework.context.annotation.Bean;
import org.springframework.context.event.ContextRefreshedEvent;
import org.springframework.http.server.PathContainer;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.core.ConsumerFactory;
import org.springframework.kafka.listener.RecordInterceptor;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.util.pattern.PathPatternParser;

import se.nexus.support.outbox.Outbox;
import se.nexus.support.outbox.OutboxAutoConfiguration;
import se.nexus.support.security.SecurityProperties;

/**
 * Dead letters that hold back the later records of their key, and the operators' API over them, for services that set
 * {@code nexus.dead-letters.enabled=true}; their Flyway locations include {@code classpath:db/support/deadletter}
 * (docs/architecture.md section 5.3). Every record listener of the service is sequenced this way.
 */
@AutoConfiguration(after = OutboxAutoConfiguration.class)
@ConditionalOnProperty(prefix = "nexus.dead-letters", name = "enabled", havingValue = "true")
public class DeadLetterAutoConfiguration {

    /** The role the admin API needs; the service's endpoint rules must admit only it there. */
    static final String OPERATOR = "OPERATOR";
    static final String ADMIN_PATH = "/api/admin/dead-letters";

    @Bean
    DeadLetters deadLetters(JdbcClient jdbc) {
        return new DeadLetters(jdbc);
    }

    @Bean
    DeadLetterMeters deadLetterMeters(DeadLetters deadLetters, ObjectProvider<MeterRegistry> meters) {
        return new DeadLetterMeters(deadLetters, meters.getIfAvailable(SimpleMeterRegistry::new));
    }

    @Bean
    RecordInterceptor<Object, Object> sequencedDelivery(DeadLetters deadLetters, TransactionTemplate transactions,
            DeadLetterMeters meters) {
        return new SequencedDelivery(deadLetters, transactions, meters);
    }

    @Bean
    GroupListeners groupListeners(KafkaListenerEndpointRegistry registry, ConsumerFactory<?, ?> consumers) {
        return new GroupListeners(registry, consumers);
    }

    @Bean
    DeadLetterOperations deadLetterOperations(DeadLetters deadLetters, GroupListeners listeners, Outbox outbox,
            TransactionTemplate transactions, @Value("${spring.application.name}") String producer,
            ObjectProvider<Clock> clock) {
        return new DeadLetterOperations(deadLetters, listeners, outbox, transactions, producer,
            clock.getIfAvailable(Clock::systemUTC));
    }

    @Bean
    DeadLetterController deadLetterController(DeadLetters deadLetters, DeadLetterOperations operations) {
        return new DeadLetterController(deadLetters, operations);
    }

    /** The gauges of every consumer group from the start, not only once a record of it has been read. */
    @Bean
    ApplicationListener<ContextRefreshedEvent> deadLetterGauges(KafkaListenerEndpointRegistry registry,
            DeadLetterMeters meters) {
        return event -> registry.getAllListenerContainers().forEach(container -> meters.watch(container.getGroupId()));
    }

    /** Refuses to start where the admin API would be open to any valid token. */
    @Bean
    SmartInitializingSingleton operatorsOnly(SecurityProperties security) {
        return () -> requireOperatorsOnly(security.endpoints());
    }

    static void requireOperatorsOnly(List<SecurityProperties.EndpointRole> rules) {
        for (String path : List.of(ADMIN_PATH, ADMIN_PATH + "/x/replay")) {
            PathContainer concrete = PathContainer.parsePath(path);
            List<String> roles = rules.stream()
                .filter(rule -> PathPatternParser.defaultInstance.parse(rule.path()).matches(concrete))
                .map(SecurityProperties.EndpointRole::roles).findFirst().orElse(List.of());
            if (!roles.equals(List.of(OPERATOR))) {
                throw new IllegalStateException("nexus.security.endpoints must admit only the role " + OPERATOR
                    + " to " + ADMIN_PATH + "/** (first matching rule), before any broader rule");
            }
        }
    }
}
