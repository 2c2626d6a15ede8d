package se.nexus.notification;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import se.nexus.infrastructure.SharedInfrastructure;
import se.nexus.support.test.ServedOpenApiDocumentTests;

/** The served OpenAPI document is the API: it parses cleanly and documents what real calls answer. */
@NotificationServiceTest
class OpenApiContractIntegrationTests extends ServedOpenApiDocumentTests {

    OpenApiContractIntegrationTests() {
        super("notification-service");
    }

    static final String AGENCY = "se.uppsala.socialtjanst";

    final HttpClient http = HttpClient.newHttpClient();

    @Test
    void theStreamIsServerSentEventsThatMayBeRefusedWithRetryAfter() {
        var stream = contract.api().getPaths().get("/api/v1/notifications/stream").getGet();
        assertThat(stream.getResponses().get("200").getContent()).containsOnlyKeys("text/event-stream");
        for (String refusal : new String[] { "429", "503" }) {
            assertThat(stream.getResponses().get(refusal).getHeaders()).as(refusal).containsKey("Retry-After");
        }
        assertThat(contract.api().getPaths().get("/api/v1/notifications").getGet().getParameters())
            .allSatisfy(parameter -> assertThat(parameter.getName()).isNotEqualTo("caller"));
    }

    @Test
    void realAnswersAreDocumented() throws Exception {
        String coordinator = token("COORDINATOR");
        String unknown = "/api/v1/notifications/" + UUID.randomUUID();
        assertThat(call("GET", "/api/v1/notifications", "/api/v1/notifications", coordinator)).isEqualTo(200);
        assertThat(call("GET", "/api/v1/notifications", "/api/v1/notifications?size=0", coordinator)).isEqualTo(400);
        assertThat(call("GET", "/api/v1/notifications", "/api/v1/notifications", null)).isEqualTo(401);
        assertThat(call("GET", "/api/v1/notifications", "/api/v1/notifications", token("CASEWORKER"))).isEqualTo(403);
        assertThat(call("POST", "/api/v1/notifications/{id}/acknowledge", unknown + "/acknowledge", coordinator))
            .isEqualTo(404);
        assertThat(call("GET", "/api/v1/notifications/{id}/deliveries", unknown + "/deliveries", coordinator))
            .isEqualTo(404);
    }

    private int call(String method, String template, String path, String token) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
            .method(method, HttpRequest.BodyPublishers.noBody());
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        HttpResponse<String> answer = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        contract.assertAnswers(method, template, answer);
        return answer.statusCode();
    }

    static String token(String role) {
        return SharedInfrastructure.get().tokenIssuer().issue("u-1", AGENCY, Set.of(role));
    }
}
