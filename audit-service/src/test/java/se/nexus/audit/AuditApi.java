package se.nexus.audit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Set;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import se.nexus.infrastructure.SharedInfrastructure;

/** Calls the audit service over real HTTP with real tokens from the test infrastructure's issuer. */
public final class AuditApi {

    public static final String AUDITOR = "auditor-7";
    public static final String AUDITOR_AGENCY = "se.lansstyrelsen.uppsala";

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final HttpClient http = HttpClient.newHttpClient();
    private final int port;

    public AuditApi(int port) {
        this.port = port;
    }

    public static String auditorToken() {
        return token("AUDITOR");
    }

    public static String token(String role) {
        return token(AUDITOR_AGENCY, role);
    }

    public static String token(String agency, String role) {
        return SharedInfrastructure.get().tokenIssuer().issue(AUDITOR, agency, Set.of(role));
    }

    public HttpResponse<String> get(String path, String tokenOrNull) {
        return send(request(path, tokenOrNull).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    /** GET asking for a media type, e.g. {@code text/csv}. */
    public HttpResponse<String> get(String path, String tokenOrNull, String accept) {
        return send(request(path, tokenOrNull).header("Accept", accept).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    public HttpResponse<String> post(String path, String tokenOrNull) {
        return send(request(path, tokenOrNull).POST(HttpRequest.BodyPublishers.noBody()).build(),
            HttpResponse.BodyHandlers.ofString());
    }

    public HttpResponse<String> post(String path, String tokenOrNull, String json) {
        return send(request(path, tokenOrNull).header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** GET as an auditor, expecting 200, parsed. */
    public JsonNode getJson(String path) {
        return getJson(path, auditorToken());
    }

    /** GET with this token, expecting 200, parsed. */
    public JsonNode getJson(String path, String token) {
        HttpResponse<String> response = get(path, token);
        if (response.statusCode() != 200) {
            throw new AssertionError("GET " + path + " gave " + response.statusCode() + ": " + response.body());
        }
        return JSON.readTree(response.body());
    }

    public JsonNode verify() {
        return getJson("/api/v1/audit/verify");
    }

    public Path exportTo(Path file) {
        HttpResponse<Path> response = send(request("/api/v1/audit/export", auditorToken()).GET().build(),
            HttpResponse.BodyHandlers.ofFile(file));
        if (response.statusCode() != 200) {
            throw new AssertionError("export gave " + response.statusCode());
        }
        return file;
    }

    public static JsonNode parse(String json) {
        return JSON.readTree(json);
    }

    private HttpRequest.Builder request(String path, String tokenOrNull) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path));
        return tokenOrNull == null ? builder : builder.header("Authorization", "Bearer " + tokenOrNull);
    }

    private <T> HttpResponse<T> send(HttpRequest request, HttpResponse.BodyHandler<T> handler) {
        try {
            return http.send(request, handler);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
