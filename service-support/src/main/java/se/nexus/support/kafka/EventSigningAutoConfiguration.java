package se.nexus.support.kafka;

import java.nio.file.Path;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;

import se.nexus.schemas.signing.EventSignatures;
import se.nexus.schemas.signing.SigningKey;
import se.nexus.schemas.signing.TrustedKeys;

/**
 * Reads the service's event signing key and trusted keys at start-up ({@code spring.kafka.properties.nexus.signing.*}),
 * so that a missing, blank or unreadable one stops the service with the reason, not its first send or its consumers
 * later (a blank setting would otherwise turn signing or checking off without a word); and says which keys it signs
 * with and trusts (ids and file names only). For the services, which set {@code nexus.kafka.signed-events=true}.
 */
@AutoConfiguration
@ConditionalOnClass(KafkaProperties.class)
@ConditionalOnProperty(prefix = "nexus.kafka", name = "signed-events", havingValue = "true")
public class EventSigningAutoConfiguration {

    private static final Logger log = LoggerFactory.getLogger(EventSigningAutoConfiguration.class);

    /** The keys as read; the serde reads its own copy when Kafka creates it. */
    public record EventSigningKeys(SigningKey signingKey, TrustedKeys trustedKeys) {
    }

    @Bean
    EventSigningKeys eventSigningKeys(KafkaProperties kafka) {
        Map<String, String> properties = kafka.getProperties();
        SigningKey key = SigningKey.read(required(properties, EventSignatures.SIGNING_KEY_CONFIG,
            "NEXUS_KAFKA_SIGNING_KEY"));
        TrustedKeys trusted = TrustedKeys.read(required(properties, EventSignatures.TRUSTED_KEYS_CONFIG,
            "NEXUS_KAFKA_TRUSTED_KEYS"));
        log.info("Events written are signed with key {}; events read must be signed with one of {}", key.id(),
            trusted.names());
        return new EventSigningKeys(key, trusted);
    }

    private static Path required(Map<String, String> properties, String name, String environment) {
        String value = properties.get(name);
        if (value == null || value.isBlank()) {
            throw new IllegalStateException("No " + name + " (" + environment + "): this service signs every event"
                + " it writes and checks every event it reads (README, \"Signed events\")");
        }
        return Path.of(value.trim());
    }
}
