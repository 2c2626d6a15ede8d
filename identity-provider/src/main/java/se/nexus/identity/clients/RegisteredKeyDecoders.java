package se.nexus.identity.clients;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtDecoderFactory;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.server.authorization.authentication.JwtClientAssertionDecoderFactory;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;

import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;

/**
 * Checks a private_key_jwt client assertion against the public key registered with the client
 * ({@link AgencySystems#PUBLIC_KEY_SETTING}) rather than a JWK set fetched from the client's jwkSetUrl, which is all
 * Spring Authorization Server's own factory knows; the claims are checked as that factory checks them (iss and sub
 * the client id, aud this provider, exp in the future). A client without a registered key is left to that factory.
 */
public final class RegisteredKeyDecoders implements JwtDecoderFactory<RegisteredClient> {

	private final JwtClientAssertionDecoderFactory byJwkSetUrl = new JwtClientAssertionDecoderFactory();

	private final Map<String, JwtDecoder> decoders = new ConcurrentHashMap<>();

	@Override
	public JwtDecoder createDecoder(RegisteredClient client) {
		Object key = client.getClientSettings().getSetting(AgencySystems.PUBLIC_KEY_SETTING);
		if (!(key instanceof JWKSet keys)) {
			return byJwkSetUrl.createDecoder(client);
		}
		return decoders.computeIfAbsent(client.getId(), id -> {
			NimbusJwtDecoder decoder = NimbusJwtDecoder.withJwkSource(new ImmutableJWKSet<>(keys))
				.jwsAlgorithm(SignatureAlgorithm.ES256)
				.build();
			decoder.setJwtValidator(JwtClientAssertionDecoderFactory.DEFAULT_JWT_VALIDATOR_FACTORY.apply(client));
			return decoder;
		});
	}
}
