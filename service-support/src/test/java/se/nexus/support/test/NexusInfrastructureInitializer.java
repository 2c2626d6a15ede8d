package se.nexus.support.test;

import java.util.Map;

import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;

import se.nexus.infrastructure.Database;
import se.nexus.infrastructure.Infrastructure;
import se.nexus.infrastructure.SharedInfrastructure;

/**
 * Points a service under test at the real Kafka, schema registry, PostgreSQL and token issuer shared by
 * this test JVM, with its own database named after {@code spring.application.name}.
 */
public class NexusInfrastructureInitializer implements ApplicationContextInitializer<ConfigurableApplicationContext> {

    @Override
    public void initialize(ConfigurableApplicationContext context) {
        Infrastructure infrastructure = SharedInfrastructure.get();
        String service = context.getEnvironment().getRequiredProperty("spring.application.name");
        Database database = infrastructure.database(service.replace('-', '_'));
        context.getEnvironment().getPropertySources().addFirst(new MapPropertySource("nexus-test-infrastructure", Map.of(
            "NEXUS_DB_URL", database.jdbcUrl(),
            "NEXUS_DB_USERNAME", database.username(),
            "NEXUS_DB_PASSWORD", database.password(),
            "NEXUS_KAFKA_BOOTSTRAP_SERVERS", infrastructure.kafkaBootstrapServers(),
            "NEXUS_SCHEMA_REGISTRY_URL", infrastructure.schemaRegistryUrl(),
            "NEXUS_JWK_SET_URI", infrastructure.tokenIssuer().jwkSetUri(),
            "NEXUS_JWT_ISSUER_URI", infrastructure.tokenIssuer().issuerUri())));
    }
}
