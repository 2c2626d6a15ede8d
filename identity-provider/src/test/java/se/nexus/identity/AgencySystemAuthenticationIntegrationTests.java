package se.nexus.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import javax.net.ssl.SSLContext;

import org.junit.jupiter.api.Test;
import org.springframework.boot.ssl.SslBundle;
import org.springframework.boot.ssl.pem.PemSslStoreBundle;
import org.springframework.boot.ssl.pem.PemSslStoreDetails;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import com.nimbusds.jose.util.JSONObjectUtils;
import com.nimbusds.jwt.SignedJWT;

import se.nexus.infrastructure.LocalCertificateAuthority;

/**
 * An agency system gets a token without a shared secret: with a JWT signed by the key of its certificate
 * (private_key_jwt) on the plain port, or with the certificate itself over mutual TLS (tls_client_auth) on the
 * second port; and is refused with another key, another agency's certificate or a certificate of another authority.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "nexus.identity.issuer-uri=", "nexus.identity.local=true" })
class AgencySystemAuthenticationIntegrationTests {

	private static final String POLICE = "se.polisen.region-mitt";

	private static final String SOCIAL_SERVICES = "se.uppsala.socialtjanst";

	private static final String ASSERTION_TYPE = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer";

	/** This JVM's own authority, as the local stack's: the server's certificate and each agency system's. */
	private static final LocalCertificateAuthority AUTHORITY = LocalCertificateAuthority
		.openOrCreate(temporaryFolder("authority"), "Nexus test CA");

	/** Another authority, which issues a certificate with the police's very name. */
	private static final LocalCertificateAuthority STRANGER = LocalCertificateAuthority
		.openOrCreate(temporaryFolder("stranger"), "Another CA");

	private static final int MUTUAL_TLS_PORT = freePort();

	@LocalServerPort
	private int port;

	@DynamicPropertySource
	static void certificates(DynamicPropertyRegistry registry) {
		Path server = AUTHORITY.issueServer("identity-provider", List.of("localhost", "127.0.0.1")).keyStore();
		AUTHORITY.issueClient(POLICE);
		AUTHORITY.issueClient(SOCIAL_SERVICES);
		registry.add("nexus.identity.agency-certificates", AUTHORITY::dir);
		registry.add("nexus.identity.mutual-tls-port", () -> MUTUAL_TLS_PORT);
		registry.add("nexus.http.tls.keystore", server::toString);
		registry.add("nexus.http.tls.truststore", () -> AUTHORITY.certificateFile().toString());
	}

	@Test
	void givesATokenForAJwtSignedWithTheKeyOfTheAgencysCertificate() throws Exception {
		String assertion = ClientAssertion.sign(POLICE, key(AUTHORITY, POLICE), baseUrl(), Instant.now());

		HttpResponse<String> response = post(plain(), baseUrl(), withAssertion(POLICE, assertion));

		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		assertThat(agencyIn(response)).isEqualTo(POLICE);
	}

	@Test
	void refusesAJwtSignedWithAnotherKey() throws Exception {
		// The social services' key, claiming to be the police: the police's registered key does not verify it.
		String assertion = ClientAssertion.sign(POLICE, key(AUTHORITY, SOCIAL_SERVICES), baseUrl(), Instant.now());

		HttpResponse<String> response = post(plain(), baseUrl(), withAssertion(POLICE, assertion));

		assertThat(response.statusCode()).isEqualTo(401);
		assertThat(JSONObjectUtils.parse(response.body())).containsEntry("error", "invalid_client");
	}

	@Test
	void refusesAJwtPastItsExpiry() throws Exception {
		// Past its one minute, and past the minute of clock skew the identity provider allows.
		Instant fiveMinutesAgo = Instant.now().minusSeconds(300);
		String assertion = ClientAssertion.sign(POLICE, key(AUTHORITY, POLICE), baseUrl(), fiveMinutesAgo);

		assertThat(post(plain(), baseUrl(), withAssertion(POLICE, assertion)).statusCode()).isEqualTo(401);
	}

	@Test
	void givesATokenForTheAgencysClientCertificate() throws Exception {
		HttpResponse<String> response = post(presenting(AUTHORITY, POLICE), mutualTlsUrl(), byCertificate(POLICE));

		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
		assertThat(agencyIn(response)).isEqualTo(POLICE);
	}

	@Test
	void refusesTheCertificateOfAnotherAgency() throws Exception {
		HttpResponse<String> response = post(presenting(AUTHORITY, SOCIAL_SERVICES), mutualTlsUrl(), byCertificate(POLICE));

		assertThat(response.statusCode()).isEqualTo(401);
		assertThat(JSONObjectUtils.parse(response.body())).containsEntry("error", "invalid_client");
	}

	@Test
	void refusesTheHandshakeForACertificateOfAnotherAuthority() {
		STRANGER.issueClient(POLICE);

		assertThatThrownBy(() -> post(presenting(STRANGER, POLICE), mutualTlsUrl(), byCertificate(POLICE)))
			.isInstanceOf(IOException.class);
	}

	@Test
	void refusesTheHandshakeWithoutACertificate() {
		assertThatThrownBy(() -> post(trusting(), mutualTlsUrl(), byCertificate(POLICE))).isInstanceOf(IOException.class);
	}

	@Test
	void keepsTheDemoSecretOnTheFirstPort() throws Exception {
		Map<String, String> fields = Map.of("grant_type", "client_credentials", "scope", "CASEWORKER", "client_id",
				POLICE, "client_secret", "demo-secret");

		assertThat(post(plain(), baseUrl(), fields).statusCode()).isEqualTo(200);
	}

	private String baseUrl() {
		return "http://localhost:" + port;
	}

	private static String mutualTlsUrl() {
		return "https://localhost:" + MUTUAL_TLS_PORT;
	}

	private static Map<String, String> withAssertion(String clientId, String assertion) {
		Map<String, String> fields = new LinkedHashMap<>();
		fields.put("grant_type", "client_credentials");
		fields.put("scope", "CASEWORKER");
		fields.put("client_id", clientId);
		fields.put("client_assertion_type", ASSERTION_TYPE);
		fields.put("client_assertion", assertion);
		return fields;
	}

	private static Map<String, String> byCertificate(String clientId) {
		return Map.of("grant_type", "client_credentials", "scope", "CASEWORKER", "client_id", clientId);
	}

	private static String agencyIn(HttpResponse<String> response) throws Exception {
		String token = (String) JSONObjectUtils.parse(response.body()).get("access_token");
		return SignedJWT.parse(token).getJWTClaimsSet().getStringClaim("agency");
	}

	private static HttpResponse<String> post(HttpClient client, String baseUrl, Map<String, String> fields)
			throws IOException, InterruptedException {
		String form = fields.entrySet()
			.stream()
			.map(field -> field.getKey() + "=" + URLEncoder.encode(field.getValue(), StandardCharsets.UTF_8))
			.collect(Collectors.joining("&"));
		return client.send(HttpRequest.newBuilder(URI.create(baseUrl + "/oauth2/token"))
			.header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers.ofString(form))
			.build(), HttpResponse.BodyHandlers.ofString());
	}

	private static HttpClient plain() {
		return HttpClient.newHttpClient();
	}

	/** Trusts the authority, presents no certificate. */
	private static HttpClient trusting() {
		return withContext(SslBundle.of(new PemSslStoreBundle(null, pem(AUTHORITY.certificateFile()))).createSslContext());
	}

	/** Trusts the platform's authority and presents the principal's certificate (with its chain) of this authority. */
	private static HttpClient presenting(LocalCertificateAuthority authority, String principal) {
		Path keyStore = authority.dir().resolve(principal + ".pem");
		PemSslStoreDetails identity = pem(keyStore).withPrivateKey("file:" + keyStore);
		return withContext(SslBundle.of(new PemSslStoreBundle(identity, pem(AUTHORITY.certificateFile())))
			.createSslContext());
	}

	private static HttpClient withContext(SSLContext context) {
		return HttpClient.newBuilder().sslContext(context).build();
	}

	private static PemSslStoreDetails pem(Path certificates) {
		return PemSslStoreDetails.forCertificate("file:" + certificates);
	}

	private static java.security.PrivateKey key(LocalCertificateAuthority authority, String principal)
			throws Exception {
		return ClientAssertion.readKey(authority.dir().resolve(principal + ".pem"));
	}

	private static Path temporaryFolder(String name) {
		try {
			return Files.createTempDirectory("nexus-" + name);
		}
		catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}

	private static int freePort() {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
		catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}
}
