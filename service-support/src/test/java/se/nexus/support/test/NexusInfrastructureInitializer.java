package se.nexus.support.test;

import java.util.LinkedHashMap;
import java.util.Map;

import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;

import se.nexus.infrastructure.Database;
import se.nexus.infrastructure.Infrastructure;
import se.nexus.infrastructure.SharedInfrastructure;

/**
 * Points a service under test at the real Kafka, schema registry, PostgreSQL and token issuer shared by
 * this test JVM, with its own database named after {@code spring.application.name}, and connecting to Kafka as the
 * principal of that name (its own certificate, the ACLs of the real service).
 */
public class NexusInfrastructureInitializer implements ApplicationContextInitializer<ConfigurableApplicationContext> {

    @Override
    public void initialize(ConfigurableApplicationContext context) {
        Infrastructure infrastructure = SharedInfrastructure.get();
        String service = context.getEnvironment().getRequiredProperty("spring.application.name");
        Database database = infrastructure.database(service.replace('-', '_'));
        Map<String, Object> settings = new LinkedHashMap<>(Map.of(
            "NEXUS_DB_URL", database.jdbcUrl(),
            "NEXUS_DB_USERNAME", database.username(),
            "NEXUS_DB_PASSWORD", database.password(),
            "NEXUS_SCHEMA_REGISTRY_URL", infrastructure.schemaRegistryUrl(),
            "NEXUS_JWK_SET_URI", infrastructure.tokenIssuer().jwkSetUri(),
            "NEXUS_JWT_ISSUER_URI", infrastructure.tokenIssuer().issuerUri()));
        settings.putAll(infrastructure.kafka(service).environment());
        context.getEnvironment().getPropertySources().addFirst(new MapPropertySource("nexus-test-infrastructure",
            settings));
    }
}
