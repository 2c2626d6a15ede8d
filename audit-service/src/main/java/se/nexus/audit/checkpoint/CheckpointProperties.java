package se.nexus.audit.checkpoint;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Signed checkpoints of the chain head.
 *
 * @param interval how often the head is signed when it has moved
 * @param signingKey the Ed25519 private key, PKCS#8 DER in base64; blank means development mode
 * @param devKeyFile where development mode keeps its generated key between runs
 * @param trustedPublicKeys earlier public keys (X.509 DER, base64) whose checkpoints still count, after a rotation
 */
@ConfigurationProperties("nexus.audit.checkpoint")
public record CheckpointProperties(
        @DefaultValue("PT1H") Duration interval,
        String signingKey,
        Path devKeyFile,
        @DefaultValue List<String> trustedPublicKeys) {
}
