package se.nexus.support.inbox;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Idempotent consumption, for services that set {@code nexus.inbox.enabled=true}. */
@AutoConfiguration
@ConditionalOnProperty(prefix = "nexus.inbox", name = "enabled", havingValue = "true")
public class InboxAutoConfiguration {

    @Bean
    ProcessedEvents processedEvents(JdbcClient jdbc) {
        return new ProcessedEvents(jdbc);
    }
}
