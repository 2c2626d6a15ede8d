package se.nexus.identity.clients;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.core.oidc.OidcScopes;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.settings.ClientSettings;
import org.springframework.security.oauth2.server.authorization.settings.TokenSettings;

import se.nexus.identity.participants.Participants;

/** The registered clients: one system per demo agency (client credentials) and the public Nexus console. */
public final class AgencySystems {

	/** The secret of every agency system; for the local stack only. */
	public static final String SECRET = "demo-secret";

	/** The client setting that names the agency a client acts for. */
	public static final String AGENCY_SETTING = "nexus.agency";

	/** The public client people sign in through (authorization code with PKCE). */
	public static final String CONSOLE = "nexus-console";

	/** The services refuse tokens that live longer than this. */
	public static final Duration TOKEN_LIFETIME = Duration.ofHours(1);

	private AgencySystems() {
	}

	/** Every registered client: each agency's system, then the console redirecting to consoleRedirectUri. */
	public static List<RegisteredClient> all(Participants participants, String consoleRedirectUri) {
		List<RegisteredClient> clients = new ArrayList<>();
		participants.agencies().forEach(agency -> clients.add(system(agency, participants)));
		clients.add(console(consoleRedirectUri));
		return clients;
	}

	private static RegisteredClient system(Participants.Agency agency, Participants participants) {
		return RegisteredClient.withId(UUID.nameUUIDFromBytes(("system:" + agency.id()).getBytes()).toString())
			.clientId(agency.id())
			// {noop}: the demo secret is public anyway; a real deployment uses another identity provider.
			.clientSecret("{noop}" + SECRET)
			.clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_BASIC)
			.clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_POST)
			.authorizationGrantType(AuthorizationGrantType.CLIENT_CREDENTIALS)
			.scopes(scopes -> scopes.addAll(participants.roles(agency)))
			.clientSettings(ClientSettings.builder().setting(AGENCY_SETTING, agency.id()).build())
			.tokenSettings(TokenSettings.builder().accessTokenTimeToLive(TOKEN_LIFETIME).build())
			.build();
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
