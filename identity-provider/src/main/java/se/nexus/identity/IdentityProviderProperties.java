package se.nexus.identity;

import java.nio.file.Path;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Settings of the identity provider.
 * @param issuerUri the tokens' iss; blank = the address the request came to (what tests on a free port need)
 * @param keyFile where the signing key is kept; blank = a fresh key per run
 * @param consoleRedirectUri where the Nexus console receives its authorization codes
 */
@ConfigurationProperties("nexus.identity")
public record IdentityProviderProperties(String issuerUri, Path keyFile, String consoleRedirectUri) {
}
