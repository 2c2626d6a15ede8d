package se.nexus.identity;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.settings.AuthorizationServerSettings;
import org.springframework.security.oauth2.server.authorization.token.JwtEncodingContext;
import org.springframework.security.oauth2.server.authorization.token.OAuth2TokenCustomizer;
import org.springframework.util.StringUtils;

import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;

import se.nexus.identity.clients.AgencyCertificates;
import se.nexus.identity.clients.AgencySystems;
import se.nexus.identity.clients.MemoryClientRepository;
import se.nexus.identity.participants.Participants;
import se.nexus.identity.people.DemoPeople;
import se.nexus.identity.tokens.NexusClaims;
import se.nexus.identity.tokens.SigningKey;

/** Wires the clients, people, signing key and token claims into Spring Authorization Server. */
@Configuration(proxyBeanMethods = false)
class IdentityProviderConfiguration {

	@Bean
	RegisteredClientRepository registeredClients(Participants participants, IdentityProviderProperties properties) {
		return new MemoryClientRepository(AgencySystems.all(participants, properties.consoleRedirectUri(),
				properties.clientSecret(), AgencyCertificates.in(properties.agencyCertificates(), participants)));
	}

	@Bean
	DemoPeople demoPeople(Participants participants) {
		return DemoPeople.of(participants);
	}

	@Bean
	UserDetailsService accounts(DemoPeople people, IdentityProviderProperties properties) {
		return people.accounts(properties.peoplePassword());
	}

	@Bean
	OAuth2TokenCustomizer<JwtEncodingContext> nexusClaims(DemoPeople people) {
		return new NexusClaims(people);
	}

	@Bean
	JWKSource<SecurityContext> signingKeys(IdentityProviderProperties properties) {
		return new ImmutableJWKSet<>(new JWKSet(SigningKey.load(properties.keyFile())));
	}

	@Bean
	AuthorizationServerSettings authorizationServerSettings(IdentityProviderProperties properties) {
		AuthorizationServerSettings.Builder settings = AuthorizationServerSettings.builder();
		if (StringUtils.hasText(properties.issuerUri())) {
			settings.issuer(properties.issuerUri());
		}
		return settings.build();
	}
}
