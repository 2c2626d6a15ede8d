package se.nexus.identity.clients;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.core.oidc.OidcScopes;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.settings.ClientSettings;
import org.springframework.security.oauth2.server.authorization.settings.TokenSettings;

import se.nexus.identity.participants.Participants;

/**
 * The registered clients: one system per demo agency (client credentials) and the public Nexus console. A system
 * authenticates with the shared secret where one is set, and, where the authority issued it a certificate, with that
 * certificate over mutual TLS (tls_client_auth) or a JWT signed with its key (private_key_jwt).
 */
public final class AgencySystems {

	/** The secret of every agency system; for the local stack only. */
	public static final String SECRET = "demo-secret";

	/** The client setting that names the agency a client acts for. */
	public static final String AGENCY_SETTING = "nexus.agency";

	/** The client setting that holds the JWK set its private_key_jwt assertions are checked against. */
	public static final String PUBLIC_KEY_SETTING = "nexus.public-key";

	/** The public client people sign in through (authorization code with PKCE). */
	public static final String CONSOLE = "nexus-console";

	/** The services refuse tokens that live longer than this. */
	public static final Duration TOKEN_LIFETIME = Duration.ofHours(1);

	private AgencySystems() {
	}

	/**
	 * Every registered client: each agency's system, with the secret (none if blank) and what its certificate allows,
	 * then the console redirecting to consoleRedirectUri.
	 */
	public static List<RegisteredClient> all(Participants participants, String consoleRedirectUri, String secret,
			AgencyCertificates certificates) {
		List<RegisteredClient> clients = new ArrayList<>();
		participants.agencies().forEach(agency -> clients.add(system(agency, participants, secret, certificates)));
		clients.add(console(consoleRedirectUri));
		return clients;
	}

	private static RegisteredClient system(Participants.Agency agency, Participants participants, String secret,
			AgencyCertificates certificates) {
		RegisteredClient.Builder client = RegisteredClient
			.withId(UUID.nameUUIDFromBytes(("system:" + agency.id()).getBytes()).toString())
			.clientId(agency.id())
			.authorizationGrantType(AuthorizationGrantType.CLIENT_CREDENTIALS)
			.scopes(scopes -> scopes.addAll(participants.roles(agency)))
			.tokenSettings(TokenSettings.builder().accessTokenTimeToLive(TOKEN_LIFETIME).build());
		if (secret != null && !secret.isBlank()) {
			// {noop}: a secret shared by every demo system is no secret; keys and certificates are what to rely on.
			client.clientSecret("{noop}" + secret)
				.clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_BASIC)
				.clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_POST);
		}
		ClientSettings.Builder settings = ClientSettings.builder().setting(AGENCY_SETTING, agency.id());
		certificates.subject(agency.id()).ifPresent(subject -> {
			client.clientAuthenticationMethod(ClientAuthenticationMethod.TLS_CLIENT_AUTH);
			settings.x509CertificateSubjectDN(subject);
		});
		certificates.publicKey(agency.id()).ifPresent(key -> {
			client.clientAuthenticationMethod(ClientAuthenticationMethod.PRIVATE_KEY_JWT);
			settings.tokenEndpointAuthenticationSigningAlgorithm(SignatureAlgorithm.ES256).setting(PUBLIC_KEY_SETTING, key);
		});
		return client.clientSettings(settings.build()).build();
	}

	private static RegisteredClient console(String redirectUri) {
		return RegisteredClient.withId(UUID.nameUUIDFromBytes(("console:" + CONSOLE).getBytes()).toString())
			.clientId(CONSOLE)
			.clientAuthenticationMethod(ClientAuthenticationMethod.NONE)
			.authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE)
			.redirectUri(redirectUri)
			// Sign-out at the console ends the session here too, then returns to the console's signed-out page.
			.postLogoutRedirectUri(URI.create(redirectUri).resolve("/signed-out").toString())
			.scope(OidcScopes.OPENID)
			// A public client has no secret: PKCE is what ties the code to the browser that asked for it.
			.clientSettings(ClientSettings.builder().requireProofKey(true).requireAuthorizationConsent(false).build())
			.tokenSettings(TokenSettings.builder().accessTokenTimeToLive(TOKEN_LIFETIME).build())
			.build();
	}
}
