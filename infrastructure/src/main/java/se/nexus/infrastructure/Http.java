package se.nexus.infrastructure;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** Minimal blocking HTTP calls used to probe and configure the servers. */
final class Http {

	static final String SCHEMA_REGISTRY_JSON = "application/vnd.schemaregistry.v1+json";

	private static final HttpClient client = HttpClient.newBuilder()
		.connectTimeout(Duration.ofSeconds(2))
		.version(HttpClient.Version.HTTP_1_1)
		.build();

	private Http() {
	}

	static HttpResponse<String> get(String url) {
		return send(HttpRequest.newBuilder(URI.create(url)).GET());
	}

	static HttpResponse<String> put(String url, String contentType, String body) {
		return send(HttpRequest.newBuilder(URI.create(url))
			.header("Content-Type", contentType)
			.PUT(HttpRequest.BodyPublishers.ofString(body)));
	}

	/** Status of a GET, or -1 if nothing answers. */
	static int status(String url) {
		try {
			return get(url).statusCode();
		}
		catch (UncheckedIOException e) {
			return -1;
		}
	}

	private static HttpResponse<String> send(HttpRequest.Builder request) {
		try {
			return client.send(request.timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
		}
		catch (IOException e) {
			throw new UncheckedIOException(e);
		}
		catch (InterruptedException e) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted", e);
		}
	}

	/** Sets the registry's global compatibility to BACKWARD_TRANSITIVE and checks that it took. */
	static void requireBackwardTransitive(String compatibleApiUrl) {
		HttpResponse<String> put = put(compatibleApiUrl + "/config", SCHEMA_REGISTRY_JSON,
				"{\"compatibility\":\"BACKWARD_TRANSITIVE\"}");
		String now = get(compatibleApiUrl + "/config").body();
		if (put.statusCode() != 200 || !now.contains("BACKWARD_TRANSITIVE")) {
			throw new IllegalStateException("Could not set compatibility BACKWARD_TRANSITIVE: " + put.statusCode()
					+ " " + put.body() + " / " + now);
		}
	}
}
