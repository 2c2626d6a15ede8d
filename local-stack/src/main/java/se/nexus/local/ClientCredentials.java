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

/** Asks the identity provider for a demo agency system's token, the way the README's curl does. */
record ClientCredentials(String tokenUri) {

	/** The secret of every demo agency system. */
	static final String DEMO_SECRET = "demo-secret";

	private static final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

	/** An access token for the agency's system with these roles as scopes. */
	String token(String agency, String... roles) {
		String basic = Base64.getEncoder()
			.encodeToString((agency + ":" + DEMO_SECRET).getBytes(StandardCharsets.UTF_8));
		String form = "grant_type=client_credentials&scope="
				+ URLEncoder.encode(String.join(" ", roles), StandardCharsets.UTF_8);
		HttpRequest request = HttpRequest.newBuilder(URI.create(tokenUri))
			.timeout(Duration.ofSeconds(10))
			.header("Authorization", "Basic " + basic)
			.header("Content-Type", "application/x-www-form-urlencoded")
			.POST(HttpRequest.BodyPublishers.ofString(form))
			.build();
		HttpResponse<String> response = send(request);
		if (response.statusCode() != 200) {
			throw new IllegalStateException("The identity provider refused a token for " + agency + " "
					+ String.join(" ", roles) + ": " + response.statusCode() + " " + response.body());
		}
		return accessToken(response.body());
	}

	private static HttpResponse<String> send(HttpRequest request) {
		try {
			return http.send(request, HttpResponse.BodyHandlers.ofString());
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
