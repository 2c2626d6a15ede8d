package se.nexus.referral.protection;

import java.util.Map;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Keys for free text at rest.
 *
 * @param activeKeyId the key new text is sealed with
 * @param keys key id to base64-encoded 256-bit AES key; old keys stay listed until no text uses them
 */
@ConfigurationProperties("nexus.protection")
public record ProtectionProperties(String activeKeyId, Map<String, String> keys) {
}
