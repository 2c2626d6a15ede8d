package se.nexus.local;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;

import com.nimbusds.jose.util.JSONObjectUtils;

import se.nexus.infrastructure.LocalCertificateAuthority;

/** Asks the identity provider for a demo agency system's token, the way the README's curl does. */
record ClientCredentials(String tokenUri) {

	/** The secret of every demo agency system. */
	static final String DEMO_SECRET = "demo-secret";

	private static final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	/** An access token for the agency's system with these roles as scopes, for the demo secret. */
	String token(String agency, String... roles) {
		String basic = Base64.getEncoder()
			.encodeToString((agency + ":" + DEMO_SECRET).getBytes(StandardCharsets.UTF_8));
		HttpRequest request = request(form(roles)).header("Authorization", "Basic " + basic).build();
		return accessToken(agency, roles, send(http, request));
	}

	/**
	 * An access token for the agency's system with these roles, for its certificate (tls_client_auth), from the token
	 * endpoint of the identity provider's port that requires one.
	 */
	String token(LocalCertificateAuthority.IssuedCertificate certificate, String... roles) {
		HttpClient mutualTls = HttpClient.newBuilder()
			.connectTimeout(Duration.ofSeconds(5))
			.sslContext(certificate.sslContext())
			.build();
		String form = form(roles) + "&client_id=" + URLEncoder.encode(certificate.principal(), StandardCharsets.UTF_8);
		return accessToken(certificate.principal(), roles, send(mutualTls, request(form).build()));
	}

	private HttpRequest.Builder request(String form) {
		return HttpRequest.newBuilder(URI.create(tokenUri))
			.timeout(Duration.ofSeconds(10))
			.header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers.ofString(form));
	}

	private static String form(String... roles) {
		return "grant_type=client_credentials&scope=" + URLEncoder.encode(String.join(" ", roles), StandardCharsets.UTF_8);
	}

	private static String accessToken(String agency, String[] roles, HttpResponse<String> response) {
		if (response.statusCode() != 200) {
			throw new IllegalStateException("The identity provider refused a token for " + agency + " "
					+ String.join(" ", roles) + ": " + response.statusCode() + " " + response.body());
		}
		return accessToken(response.body());
	}

	private static HttpResponse<String> send(HttpClient client, HttpRequest request) {
		try {
			return client.send(request, HttpResponse.BodyHandlers.ofString());
		}
		catch (IOException e) {
			throw new IllegalStateException("Could not reach the identity provider at " + request.uri(), e);
		}
		catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted", e);
		}
	}

	private static String accessToken(String json) {
		try {
			Map<String, Object> answer = JSONObjectUtils.parse(json);
			return (String) answer.get("access_token");
		}
		catch (ParseException e) {
			throw new IllegalStateException("The identity provider answered no JSON: " + json, e);
		}
	}
}
