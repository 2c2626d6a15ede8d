package se.nexus.referral.protection;

import java.time.Duration;
import java.util.Map;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Keys for free text at rest ({@code nexus.protection}).
 *
 * @param activeKeyId the master key that wraps new data keys, and to which the rotation moves the others
 * @param keys master key id to base64-encoded 256-bit AES key; an old key stays listed until the rotation has
 *     moved everything off it (see the README)
 * @param rotation the background job that moves data keys and old text off master keys that are not active
 */
@ConfigurationProperties("nexus.protection")
public record ProtectionProperties(String activeKeyId, Map<String, String> keys, @DefaultValue Rotation rotation) {

    /**
     * @param enabled whether this instance runs the rotation at all
     * @param interval how often it looks for data keys and text to move, going on batch after batch until none
     *     is left
     * @param batchSize how many rows one transaction moves
     */
    public record Rotation(@DefaultValue("true") boolean enabled, @DefaultValue("5m") Duration interval,
            @DefaultValue("200") int batchSize) {
    }
}
