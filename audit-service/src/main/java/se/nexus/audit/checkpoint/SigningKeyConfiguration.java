package se.nexus.audit.checkpoint;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

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
        SigningKey key = Files.exists(file) ? SigningKey.fromPkcs8(read(file)) : store(SigningKey.generate(), file);
        log.warn("DEVELOPMENT MODE: no NEXUS_AUDIT_SIGNING_KEY is configured; checkpoints are signed with a development "
            + "key kept in {} (public key {}). Configure a real key for any deployment.", file.toAbsolutePath(),
            key.publicKeyBase64());
        return key;
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.US_ASCII);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read the development signing key", e);
        }
    }

    private static SigningKey store(SigningKey key, Path file) {
        try {
            Path parent = file.toAbsolutePath().getParent();
            Files.createDirectories(parent);
            Path written = Files.writeString(Files.createTempFile(parent, "signing", ".tmp"), key.privateKeyBase64());
            restrict(written);
            Files.move(written, file);
            return key;
        } catch (IOException e) {
            throw new UncheckedIOException("Could not store the development signing key", e);
        }
    }

    private static void restrict(Path file) throws IOException {
        try {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException e) {
            log.debug("File permissions not supported here");
        }
    }
}
