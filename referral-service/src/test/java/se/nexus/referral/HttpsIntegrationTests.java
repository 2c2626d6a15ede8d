package se.nexus.referral;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static se.nexus.referral.Cases.SENDER;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import javax.net.ssl.SSLHandshakeException;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;

import se.nexus.infrastructure.LocalCertificateAuthority;
import se.nexus.support.test.NexusIntegrationTest;

/**
 * With NEXUS_HTTP_TLS=true the service speaks HTTPS only, with a certificate of the platform's authority: a client
 * that trusts the authority is served, one that does not cannot connect, and plain HTTP gets nothing but a refusal.
 */
@NexusIntegrationTest
@TestPropertySource(properties = "NEXUS_HTTP_TLS=true")
class HttpsIntegrationTests {

    /** This test's authority, as the local stack's: the service's certificate for localhost. */
    static final LocalCertificateAuthority AUTHORITY = LocalCertificateAuthority.openOrCreate(temporaryFolder(),
        "Nexus test CA");

    @LocalServerPort
    int port;

    @DynamicPropertySource
    static void certificate(DynamicPropertyRegistry registry) {
        LocalCertificateAuthority.IssuedCertificate server = AUTHORITY.issueServer("referral-service",
            List.of("localhost", "127.0.0.1"));
        registry.add("NEXUS_HTTP_TLS_KEYSTORE", () -> server.keyStore().toString());
        registry.add("NEXUS_HTTP_TLS_TRUSTSTORE", () -> server.trustStore().toString());
    }

    @Test
    void servesTheApiOverHttpsToAClientThatTrustsTheAuthority() throws Exception {
        HttpClient trusting = HttpClient.newBuilder().sslContext(AUTHORITY.issueClient("an-agency-system").sslContext())
            .build();

        URI sent = URI.create(url("https") + "/api/v1/referrals?box=sent");

        HttpResponse<String> referrals = trusting.send(HttpRequest.newBuilder(sent)
            .header("Authorization", "Bearer " + Cases.caseworker(SENDER))
            .build(), HttpResponse.BodyHandlers.ofString());

        assertThat(referrals.statusCode()).as(referrals.body()).isEqualTo(200);
    }

    @Test
    void refusesPlainHttp() throws InterruptedException {
        // Tomcat answers a plain request on its TLS port with a bare 400, or the connection ends: nothing is served.
        try {
            HttpResponse<String> plain = HttpClient.newHttpClient()
                .send(HttpRequest.newBuilder(URI.create(url("http") + "/actuator/health")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(plain.statusCode()).isEqualTo(400);
            assertThat(plain.body()).doesNotContain("UP");
        }
        catch (IOException connectionEnded) {
            assertThat(connectionEnded).isNotInstanceOf(SSLHandshakeException.class);
        }
    }

    @Test
    void refusesAClientThatDoesNotTrustTheAuthority() {
        assertThatThrownBy(() -> HttpClient.newHttpClient()
            .send(HttpRequest.newBuilder(URI.create(url("https") + "/actuator/health")).build(),
                HttpResponse.BodyHandlers.ofString()))
            .isInstanceOf(SSLHandshakeException.class);
    }

    String url(String scheme) {
        return scheme + "://localhost:" + port;
    }

    static Path temporaryFolder() {
        try {
            return Files.createTempDirectory("nexus-https");
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
