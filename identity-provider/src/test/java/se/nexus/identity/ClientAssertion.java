package se.nexus.identity;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What an agency system sends instead of a secret (private_key_jwt, RFC 7523): a short-lived JWT about itself, signed
 * ES256 with the EC P-256 key of its certificate. Needs only a JDK, so an agency can run it as it is:
 *
 * <pre>
 * java identity-provider/src/test/java/se/nexus/identity/ClientAssertion.java AGENCY_ID KEY_PEM AUDIENCE
 * </pre>
 *
 * prints the assertion; AUDIENCE is the identity provider's issuer (http://localhost:8090 locally). The tests get
 * their tokens with it, so the README's recipe is the tested one.
 */
public final class ClientAssertion {

	/** How long an assertion is good for: long enough to reach the token endpoint, too short to be worth stealing. */
	static final Duration LIFETIME = Duration.ofMinutes(1);

	private static final Pattern PKCS8 = Pattern
		.compile("-----BEGIN PRIVATE KEY-----([A-Za-z0-9+/=\\s]+)-----END PRIVATE KEY-----");

	private ClientAssertion() {
	}

	public static void main(String[] args) throws Exception {
		if (args.length != 3) {
			System.err.println("usage: ClientAssertion AGENCY_ID KEY_PEM AUDIENCE");
			System.exit(2);
		}
		System.out.println(sign(args[0], readKey(Path.of(args[1])), args[2], Instant.now()));
	}

	/** The signed assertion: iss and sub the client id, aud the identity provider, a minute to live, a unique jti. */
	public static String sign(String clientId, PrivateKey key, String audience, Instant now)
			throws GeneralSecurityException {
		String header = "{\"alg\":\"ES256\",\"typ\":\"JWT\"}";
		String claims = String.format("{\"iss\":\"%s\",\"sub\":\"%s\",\"aud\":\"%s\",\"iat\":%d,\"exp\":%d,\"jti\":\"%s\"}",
				clientId, clientId, audience, now.getEpochSecond(), now.plus(LIFETIME).getEpochSecond(),
				UUID.randomUUID());
		String signingInput = base64Url(header.getBytes(StandardCharsets.UTF_8)) + "."
				+ base64Url(claims.getBytes(StandardCharsets.UTF_8));
		// JWS wants the two 32-byte halves of the signature side by side (IEEE P1363), not the DER that SHA256withECDSA gives.
		Signature signature = Signature.getInstance("SHA256withECDSAinP1363Format");
		signature.initSign(key);
		signature.update(signingInput.getBytes(StandardCharsets.US_ASCII));
		return signingInput + "." + base64Url(signature.sign());
	}

	/** The EC private key (unencrypted PKCS#8) in a PEM file, such as the authority's {@code <agency id>.pem}. */
	public static PrivateKey readKey(Path pem) throws IOException, GeneralSecurityException {
		Matcher matcher = PKCS8.matcher(Files.readString(pem));
		if (!matcher.find()) {
			throw new IOException("No unencrypted PKCS#8 private key in " + pem);
		}
		byte[] der = Base64.getMimeDecoder().decode(matcher.group(1).strip());
		return KeyFactory.getInstance("EC").generatePrivate(new PKCS8EncodedKeySpec(der));
	}

	private static String base64Url(byte[] bytes) {
		return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
	}
}
