package se.nexus.identity.tokens;

import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.server.authorization.OAuth2TokenType;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.token.JwtEncodingContext;
import org.springframework.security.oauth2.server.authorization.token.OAuth2TokenCustomizer;

import se.nexus.identity.clients.AgencySystems;
import se.nexus.identity.people.DemoPeople;
import se.nexus.identity.people.DemoPerson;

/**
 * Gives tokens the claims the services read: sub, agency, roles (an array), aud nexus and client_id, and nothing
 * more.
 */
public final class NexusClaims implements OAuth2TokenCustomizer<JwtEncodingContext> {

	/** The audience the services demand. */
	public static final String AUDIENCE = "nexus";

	/** The claims of a Nexus access token; Spring Authorization Server adds others (scope, client_id, nbf). */
	private static final Set<String> ACCESS_TOKEN_CLAIMS = Set.of("iss", "sub", "aud", "agency", "roles", "iat", "exp",
			"jti", "client_id");

	private final DemoPeople people;

	public NexusClaims(DemoPeople people) {
		this.people = people;
	}

	@Override
	public void customize(JwtEncodingContext context) {
		Holder holder = holder(context);
		context.getClaims().subject(holder.subject()).claim("agency", holder.agency()).claim("roles", holder.roles());
		if (OAuth2TokenType.ACCESS_TOKEN.equals(context.getTokenType())) {
			// client_id (RFC 9068): a token whose client is not its subject is a person's, through that client; the
			// services' access log tells people from systems, and the console from other clients, by it.
			context.getClaims()
				.audience(List.of(AUDIENCE))
				.claim("client_id", context.getRegisteredClient().getClientId())
				.claims(claims -> claims.keySet().retainAll(ACCESS_TOKEN_CLAIMS));
		}
		// An ID token keeps the console as its audience, as OpenID Connect requires.
	}

	/** Whom the token is for: the agency's system (client credentials) or the person who signed in. */
	private Holder holder(JwtEncodingContext context) {
		RegisteredClient client = context.getRegisteredClient();
		if (AuthorizationGrantType.CLIENT_CREDENTIALS.equals(context.getAuthorizationGrantType())) {
			// No scope asked: all the roles the system may hold, as the hand-written issuer did.
			Set<String> roles = context.getAuthorizedScopes().isEmpty() ? client.getScopes()
					: context.getAuthorizedScopes();
			return new Holder(client.getClientId(), client.getClientSettings().getSetting(AgencySystems.AGENCY_SETTING),
					roles);
		}
		String username = context.getPrincipal().getName();
		DemoPerson person = people.find(username)
			.orElseThrow(() -> new IllegalStateException("No demo person " + username));
		return new Holder(person.subject(), person.agency(), Set.of(person.role()));
	}

	/** The subject, agency and roles a token carries. */
	record Holder(String subject, String agency, List<String> roles) {

		Holder(String subject, String agency, Set<String> roles) {
			this(subject, agency, List.copyOf(new TreeSet<>(roles)));
		}
	}
}
