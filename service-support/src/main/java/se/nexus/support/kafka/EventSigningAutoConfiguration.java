package se.nexus.support.kafka;

import java.nio.file.Path;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.context.annotation.Bean;

import se.nexus.schemas.signing.EventSignatures;
import se.nexus.schemas.signing.SigningKey;
import se.nexus.schemas.signing.TrustedKeys;

/**
 * Reads the service's event signing key and trusted keys at start-up ({@code spring.kafka.properties.nexus.signing.*}),
 * so that a missing or unreadable key stops the service with the reason, not its first send or its consumers later;
 * and says which keys it signs with and trusts (ids and file names only).
 */
@AutoConfiguration
@ConditionalOnClass(KafkaProperties.class)
public class EventSigningAutoConfiguration {

    private static final Logger log = LoggerFactory.getLogger(EventSigningAutoConfiguration.class);

    /** The keys as read; the serde reads its own copy when Kafka creates it. */
    public record EventSigningKeys(SigningKey signingKey, TrustedKeys trustedKeys) {
    }

    @Bean
    EventSigningKeys eventSigningKeys(KafkaProperties kafka) {
        Map<String, String> properties = kafka.getProperties();
        SigningKey key = present(properties.get(EventSignatures.SIGNING_KEY_CONFIG))
                ? SigningKey.read(Path.of(properties.get(EventSignatures.SIGNING_KEY_CONFIG))) : null;
        TrustedKeys trusted = present(properties.get(EventSignatures.TRUSTED_KEYS_CONFIG))
                ? TrustedKeys.read(Path.of(properties.get(EventSignatures.TRUSTED_KEYS_CONFIG))) : null;
        log.info("Events written are signed with {}; events read must be signed with one of {}",
            key == null ? "no key" : "key " + key.id(), trusted == null ? "any key or none" : trusted.names());
        return new EventSigningKeys(key, trusted);
    }

    private static boolean present(String value) {
        return value != null && !value.isBlank();
    }
}
