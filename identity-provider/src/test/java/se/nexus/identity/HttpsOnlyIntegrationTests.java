package se.nexus.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;

import javax.net.ssl.SSLContext;

import org.junit.jupiter.api.Test;
import org.springframework.boot.ssl.SslBundle;
import org.springframework.boot.ssl.pem.PemSslStoreBundle;
import org.springframework.boot.ssl.pem.PemSslStoreDetails;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import se.nexus.infrastructure.LocalCertificateAuthority;

/**
 * With NEXUS_HTTP_TLS=true the identity provider speaks HTTPS only on its port, where a system may authenticate with
 * its secret or, without a second port, with its certificate.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
		properties = { "NEXUS_HTTP_TLS=true", "nexus.identity.local=true", "nexus.identity.issuer-uri=" })
class HttpsOnlyIntegrationTests {

	private static final String POLICE = "se.polisen.region-mitt";

	private static final LocalCertificateAuthority AUTHORITY = LocalCertificateAuthority
		.openOrCreate(temporaryFolder(), "Nexus test CA");

	@LocalServerPort
	private int port;

	@DynamicPropertySource
	static void certificates(DynamicPropertyRegistry registry) {
		Path server = AUTHORITY.issueServer("identity-provider", List.of("localhost", "127.0.0.1")).keyStore();
		AUTHORITY.issueClient(POLICE);
		registry.add("nexus.identity.agency-certificates", AUTHORITY::dir);
		registry.add("NEXUS_HTTP_TLS_KEYSTORE", server::toString);
		registry.add("NEXUS_HTTP_TLS_TRUSTSTORE", () -> AUTHORITY.certificateFile().toString());
	}

	@Test
	void refusesPlainHttp() throws Exception {
		// Tomcat answers a plain request on its TLS port with a bare 400, or the connection ends: nothing is served.
		try {
			HttpResponse<String> plain = HttpClient.newHttpClient()
				.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/oauth2/jwks")).build(),
						HttpResponse.BodyHandlers.ofString());
			assertThat(plain.statusCode()).isEqualTo(400);
			assertThat(plain.body()).doesNotContain("keys");
		}
		catch (IOException connectionEnded) {
			assertThat(connectionEnded).hasMessageNotContaining("PKIX");
		}
	}

	@Test
	void givesATokenOverHttpsForTheSecret() throws Exception {
		HttpClient trusting = HttpClient.newBuilder().sslContext(trustingOnly()).build();
		String basic = Base64.getEncoder().encodeToString((POLICE + ":demo-secret").getBytes(StandardCharsets.UTF_8));

		HttpResponse<String> response = trusting.send(token("grant_type=client_credentials&scope=CASEWORKER")
			.header("Authorization", "Basic " + basic)
			.build(), HttpResponse.BodyHandlers.ofString());

		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
	}

	@Test
	void givesATokenOnTheSamePortForTheAgencysCertificate() throws Exception {
		HttpClient presenting = HttpClient.newBuilder().sslContext(AUTHORITY.issueClient(POLICE).sslContext()).build();

		HttpResponse<String> response = presenting.send(
				token("grant_type=client_credentials&scope=CASEWORKER&client_id=" + POLICE).build(),
				HttpResponse.BodyHandlers.ofString());

		assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
	}

	private HttpRequest.Builder token(String form) {
		return HttpRequest.newBuilder(URI.create("https://localhost:" + port + "/oauth2/token"))
			.header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers.ofString(form));
	}

	/** Trusts the authority and presents no certificate. */
	private static SSLContext trustingOnly() {
		PemSslStoreDetails authority = PemSslStoreDetails.forCertificate("file:" + AUTHORITY.certificateFile());
		return SslBundle.of(new PemSslStoreBundle(null, authority)).createSslContext();
	}

	private static Path temporaryFolder() {
		try {
			return Files.createTempDirectory("nexus-https-idp");
		}
		catch (IOException e) {
			throw new UncheckedIOException(e);
		}
	}
}
