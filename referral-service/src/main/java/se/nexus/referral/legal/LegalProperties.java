package se.nexus.referral.legal;

import java.util.Set;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The statutory provisions (sekretessbrytande bestämmelser: provisions that allow disclosure despite
 * secrecy) that may be cited as a referral's legal basis. Policy, so it is configuration.
 */
@ConfigurationProperties("nexus.legal")
public record LegalProperties(Set<String> provisionCodes) {

    public LegalProperties {
        provisionCodes = provisionCodes == null ? Set.of() : Set.copyOf(provisionCodes);
    }
}
