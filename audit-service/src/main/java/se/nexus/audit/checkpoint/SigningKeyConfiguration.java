package se.nexus.audit.checkpoint;

import java.nio.file.Path;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import se.nexus.audit.keyfile.DevelopmentKeyFile;

/**
 * The checkpoint signing key from {@code NEXUS_AUDIT_SIGNING_KEY}; without one, development mode generates a key
 * and keeps it in a local file, and says so loudly, because such checkpoints prove nothing beyond this machine.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(CheckpointProperties.class)
class SigningKeyConfiguration {

    private static final Logger log = LoggerFactory.getLogger(SigningKeyConfiguration.class);

    @Bean
    SigningKey checkpointSigningKey(CheckpointProperties properties) {
        if (properties.signingKey() != null && !properties.signingKey().isBlank()) {
            SigningKey key = SigningKey.fromPkcs8(properties.signingKey());
            log.info("Checkpoints are signed with the configured Ed25519 key, public key {}", key.publicKeyBase64());
            return key;
        }
        return developmentKey(properties.devKeyFile());
    }

    private static SigningKey developmentKey(Path file) {
        if (file == null) {
            throw new IllegalStateException("Set NEXUS_AUDIT_SIGNING_KEY (or nexus.audit.checkpoint.dev-key-file for development)");
        }
        SigningKey key = SigningKey.fromPkcs8(DevelopmentKeyFile.readOrCreate(file,
            () -> SigningKey.generate().privateKeyBase64()));
        log.warn("DEVELOPMENT MODE: no NEXUS_AUDIT_SIGNING_KEY is configured; checkpoints are signed with a development "
            + "key kept in {} (public key {}). Configure a real key for any deployment.", file.toAbsolutePath(),
            key.publicKeyBase64());
        return key;
    }
}
