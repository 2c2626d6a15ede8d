package se.nexus.identity;

import java.nio.file.Path;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.StringUtils;

import se.nexus.identity.clients.AgencySystems;
import se.nexus.identity.people.DemoPeople;

/**
 * Settings of the identity provider.
 * @param issuerUri the tokens' iss; blank = the address the request came to (what tests on a free port need)
 * @param keyFile where the signing key is kept; blank = a fresh key per run
 * @param consoleRedirectUri where the Nexus console receives its authorization codes
 * @param local whether it runs on a developer's machine (the local stack, the tests): only then may the published
 * demo secret and password be used
 * @param clientSecret the agency systems' shared secret (client_secret_basic and _post); blank = none, so systems
 * authenticate with their certificate or a signed JWT only
 * @param peoplePassword the demo people's password
 * @param agencyCertificates the folder of the authority that issued the agency systems' certificates: its
 * {@code ca.crt} and each system's {@code <agency id>.crt}, whose key checks its private_key_jwt assertions; blank =
 * no such keys
 * @param mutualTlsPort a second, HTTPS-only port that requires a client certificate of the authority (tls_client_auth);
 * 0 = none
 */
@ConfigurationProperties("nexus.identity")
public record IdentityProviderProperties(String issuerUri, Path keyFile, String consoleRedirectUri, boolean local,
		String clientSecret, String peoplePassword, Path agencyCertificates, int mutualTlsPort) {

	public IdentityProviderProperties {
		if (!local && (AgencySystems.SECRET.equals(clientSecret) || DemoPeople.PASSWORD.equals(peoplePassword))) {
			throw new DemoCredentialsRefused();
		}
		if (!StringUtils.hasText(peoplePassword)) {
			throw new IllegalArgumentException("Set the demo people's password (NEXUS_IDP_PEOPLE_PASSWORD)");
		}
	}

	/** The published demo secret or password, outside a developer's machine. */
	public static final class DemoCredentialsRefused extends IllegalArgumentException {

		DemoCredentialsRefused() {
			super("The demo secret and password are published in the README and are for a developer's machine only "
					+ "(NEXUS_IDP_LOCAL=true, as the local stack sets). Elsewhere set NEXUS_IDP_CLIENT_SECRET to a secret "
					+ "of your own, or leave it empty so that agency systems authenticate with their certificate or a "
					+ "signed JWT only, and NEXUS_IDP_PEOPLE_PASSWORD to a password of your own.");
		}
	}
}
