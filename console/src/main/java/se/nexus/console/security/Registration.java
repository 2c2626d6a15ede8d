package se.nexus.console.security;

import java.util.Map;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClientManager;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClientProviderBuilder;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.oauth2.client.registration.ClientRegistrations;
import org.springframework.security.oauth2.client.registration.InMemoryClientRegistrationRepository;
import org.springframework.security.oauth2.client.web.DefaultOAuth2AuthorizedClientManager;
import org.springframework.security.oauth2.client.web.OAuth2AuthorizedClientRepository;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.core.oidc.IdTokenClaimNames;
import org.springframework.security.oauth2.core.oidc.OidcScopes;

import se.nexus.console.ConsoleProperties;

/**
 * The console as a public OpenID Connect client of the identity provider: authorization code with PKCE (Spring
 * Security adds PKCE to every public client). For the local identity provider the endpoints are derived from the
 * issuer instead of discovered, so the console starts even while the provider is still starting; a production provider
 * (Keycloak, an agency's own) is discovered. Either way the issuer is checked in every ID token.
 */
@Configuration(proxyBeanMethods = false)
public class Registration {

	/** The registration's id, also the last segment of the redirect URI. */
	public static final String ID = "nexus";

	@Bean
	ClientRegistrationRepository clientRegistrations(ConsoleProperties properties) {
		String issuer = properties.issuerUri().toString().replaceAll("/$", "");
		ClientRegistration.Builder registration = properties.discovery()
				? ClientRegistrations.fromIssuerLocation(issuer).registrationId(ID) : localIdentityProvider(issuer);
		return new InMemoryClientRegistrationRepository(registration.clientId(properties.clientId())
			.clientAuthenticationMethod(ClientAuthenticationMethod.NONE)
			.authorizationGrantType(AuthorizationGrantType.AUTHORIZATION_CODE)
			.redirectUri("{baseUrl}/login/oauth2/code/{registrationId}")
			.scope(OidcScopes.OPENID)
			.userNameAttributeName(IdTokenClaimNames.SUB)
			.clientName("Nexus")
			.build());
	}

	/** Spring Authorization Server's endpoints under the issuer, as the local stack's identity provider serves them. */
	private static ClientRegistration.Builder localIdentityProvider(String issuer) {
		return ClientRegistration.withRegistrationId(ID)
			.issuerUri(issuer)
			.authorizationUri(issuer + "/oauth2/authorize")
			.tokenUri(issuer + "/oauth2/token")
			.jwkSetUri(issuer + "/oauth2/jwks")
			.userInfoUri(issuer + "/userinfo")
			// Where sign-out ends the session at the identity provider too (OpenID Connect RP-initiated logout).
			.providerConfigurationMetadata(Map.of("end_session_endpoint", issuer + "/connect/logout"));
	}

	/** Hands the person's access token to the API clients; the token lives in the person's session only. */
	@Bean
	OAuth2AuthorizedClientManager authorizedClients(ClientRegistrationRepository registrations,
			OAuth2AuthorizedClientRepository authorizedClients) {
		DefaultOAuth2AuthorizedClientManager manager = new DefaultOAuth2AuthorizedClientManager(registrations,
				authorizedClients);
		manager.setAuthorizedClientProvider(OAuth2AuthorizedClientProviderBuilder.builder().authorizationCode().build());
		return manager;
	}
}
