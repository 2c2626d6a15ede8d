package se.nexus.referral;

import static org.assertj.core.api.Assertions.assertThat;
import static se.nexus.referral.Cases.RECEIVER;
import static se.nexus.referral.Cases.SENDER;
import static se.nexus.referral.Cases.TARGET;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.LocalDate;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.media.Schema;
import se.nexus.support.test.NexusIntegrationTest;
import se.nexus.support.test.ServedOpenApiDocumentTests;

/**
 * The served OpenAPI document is the API: it parses cleanly, describes every refusal the mechanisms make, and
 * documents every status, content type and header that a walk through a case really answers.
 */
@NexusIntegrationTest
class OpenApiContractIntegrationTests extends ServedOpenApiDocumentTests {

    OpenApiContractIntegrationTests() {
        super("referral-service");
    }

    static final ObjectMapper JSON = new ObjectMapper();
    static final List<String> CREATING = List.of("/api/v1/referrals", "/api/v1/consents",
        "/api/v1/referrals/{referralId}/handovers");

    final HttpClient http = HttpClient.newHttpClient();

    @Test
    void creatingPostsAnswer201WithLocationAndTakeAnIdempotencyKey() {
        for (String path : CREATING) {
            Operation post = contract.api().getPaths().get(path).getPost();
            assertThat(post.getResponses()).as(path).containsKey("201").doesNotContainKey("200");
            assertThat(post.getResponses().get("201").getHeaders()).as(path).containsKey("Location");
            assertThat(post.getResponses().get("201").getContent()).as(path).containsKey("application/json");
            assertThat(post.getParameters()).as(path)
                .anySatisfy(p -> assertThat(p.getName()).isEqualTo("Idempotency-Key"));
            assertThat(post.getRequestBody().getContent().get("application/json").getSchema()).as(path).isNotNull();
        }
    }

    @Test
    void everyChangeMayBeRefusedWhileDeliveryIsBehindAndSaysWhenToTryAgain() {
        Set<PathItem.HttpMethod> changes = Set.of(PathItem.HttpMethod.POST, PathItem.HttpMethod.PUT,
            PathItem.HttpMethod.DELETE);
        contract.forEachApiOperation((path, operation) -> {
            if (changes.contains(operation.getKey())) {
                var refused = operation.getValue().getResponses().get("503");
                assertThat(refused).as(operation.getKey() + " " + path).isNotNull();
                assertThat(refused.getDescription()).contains("behind on delivering events");
                assertThat(refused.getHeaders().get("Retry-After").getRequired()).isTrue();
            }
        });
    }

    @Test
    void codeFieldsAreEnumerationsAndRequestBodiesHaveExamples() {
        var schemas = contract.api().getComponents().getSchemas();
        assertThat(property("GrantConsent", "obtained").getEnum()).map(Object::toString).containsExactly("WRITTEN", "ORAL", "DIGITAL");
        assertThat(property("ConsentView", "obtained").getEnum()).map(Object::toString).containsExactly("WRITTEN", "ORAL", "DIGITAL");
        assertThat(property("SubmitReferral", "urgency").getEnum()).isNotEmpty();
        assertThat(property("EraseSubject", "reason").getEnum()).map(Object::toString)
            .containsExactly("RETENTION_ENDED", "ERASURE_REQUEST");
        for (String body : List.of("SubmitReferral", "GrantConsent", "RequestHandover", "DeclineRequest", "DeclineHandover",
                "EraseSubject")) {
            assertThat(schemas.get(body).getExample()).as(body).isInstanceOf(Map.class);
        }
    }

    /**
     * A history entry's type has the names the notification service gives the events, and its reason is one of the
     * codes of the three reasons it may carry, as this document lists them.
     */
    @Test
    void historyEntriesNameTheirTypeAndReasonByCode() {
        assertThat(property("HistoryEntryView", "type").getEnum()).map(Object::toString).containsExactly(
            "REFERRAL_SUBMITTED", "REFERRAL_RECEIVED", "REFERRAL_ACCEPTED", "REFERRAL_DECLINED", "REFERRAL_WITHDRAWN",
            "REFERRAL_CLOSED", "REFERRAL_CONSENT_REVOKED", "HANDOVER_REQUESTED", "HANDOVER_ACCEPTED",
            "HANDOVER_DECLINED", "HANDOVER_CANCELLED");
        Set<String> reasons = new LinkedHashSet<>();
        for (String schema : List.of("DeclineRequest", "RequestHandover", "DeclineHandover")) {
            property(schema, "reason").getEnum().forEach(code -> reasons.add(code.toString()));
        }
        assertThat(property("HistoryEntryView", "reason").getEnum()).map(Object::toString)
            .containsExactlyInAnyOrderElementsOf(reasons);
    }

    private Schema<?> property(String schema, String name) {
        return (Schema<?>) contract.api().getComponents().getSchemas().get(schema).getProperties().get(name);
    }

    @Test
    void aWalkThroughACaseAnswersOnlyWhatTheDocumentSays() throws Exception {
        String social = Cases.caseworker(SENDER);
        String centre = Cases.caseworker(RECEIVER);
        var consent = call("POST", "/api/v1/consents", "/api/v1/consents", social, Map.of("subjectRef", "p-7f3a9c",
            "grantedTo", List.of(RECEIVER, TARGET), "purpose", "PROTECTION_AND_SUPPORT",
            "dataCategories", List.of("CASE_SUMMARY"), "validUntil", LocalDate.now().plusDays(30).toString(),
            "obtained", "WRITTEN"), null);
        assertThat(consent.statusCode()).isEqualTo(201);
        String consentId = JSON.readTree(consent.body()).get("id").asText();

        Map<String, Object> referral = Map.of("toAgency", RECEIVER,
            "subject", Map.of("ref", "p-7f3a9c", "protectedIdentity", false), "urgency", "URGENT",
            "concerns", List.of("THREATS"), "legalBasis", Map.of("type", "CONSENT", "consentId", consentId));
        String key = UUID.randomUUID().toString();
        var submitted = call("POST", "/api/v1/referrals", "/api/v1/referrals", social, referral, key);
        assertThat(submitted.statusCode()).isEqualTo(201);
        assertThat(call("POST", "/api/v1/referrals", "/api/v1/referrals", social, referral, key).statusCode())
            .isEqualTo(201);
        assertThat(call("POST", "/api/v1/referrals", "/api/v1/referrals", social, Map.of("toAgency", TARGET), key)
            .statusCode()).isEqualTo(422);
        String id = JSON.readTree(submitted.body()).get("id").asText();
        String one = "/api/v1/referrals/{id}";

        assertThat(call("GET", one, "/api/v1/referrals/" + id, social, null, null).statusCode()).isEqualTo(200);
        assertThat(call("GET", one, "/api/v1/referrals/" + UUID.randomUUID(), social, null, null).statusCode())
            .isEqualTo(404);
        assertThat(call("GET", one, "/api/v1/referrals/" + id, null, null, null).statusCode()).isEqualTo(401);
        assertThat(call("GET", one, "/api/v1/referrals/" + id, Cases.token(SENDER, "COORDINATOR"), null, null)
            .statusCode()).isEqualTo(403);
        assertThat(call("GET", "/api/v1/referrals", "/api/v1/referrals?box=elsewhere", social, null, null)
            .statusCode()).isEqualTo(400);
        assertThat(call("POST", "/api/v1/referrals/{id}/accept", "/api/v1/referrals/" + id + "/accept", centre,
            Map.of(), null).statusCode()).isEqualTo(409);
        assertThat(call("POST", "/api/v1/referrals/{id}/receive", "/api/v1/referrals/" + id + "/receive", centre,
            Map.of(), null).statusCode()).isEqualTo(200);
        assertThat(call("POST", "/api/v1/referrals/{id}/accept", "/api/v1/referrals/" + id + "/accept", centre,
            Map.of(), null).statusCode()).isEqualTo(200);
        assertThat(call("POST", "/api/v1/referrals/{referralId}/handovers", "/api/v1/referrals/" + id + "/handovers",
            centre, Map.of("toAgency", TARGET, "reason", "CRIME_SUSPECTED"), null).statusCode()).isEqualTo(201);
        String history = "/api/v1/referrals/{id}/history";
        assertThat(call("GET", history, "/api/v1/referrals/" + id + "/history", social, null, null).statusCode())
            .isEqualTo(200);
        assertThat(call("GET", history, "/api/v1/referrals/" + UUID.randomUUID() + "/history", social, null, null)
            .statusCode()).isEqualTo(404);
        assertThat(call("GET", "/api/v1/handovers", "/api/v1/handovers?box=received&status=PENDING",
            Cases.caseworker(TARGET), null, null).statusCode()).isEqualTo(200);
        assertThat(call("GET", "/api/v1/handovers", "/api/v1/handovers?box=elsewhere", centre, null, null)
            .statusCode()).isEqualTo(400);
        assertThat(call("POST", "/api/v1/referrals/{id}/decline", "/api/v1/referrals/" + id + "/decline", centre,
            Map.of("reason", "OTHER", "comment", "x".repeat(20_000)), null).statusCode()).isEqualTo(413);

        String erasures = "/api/v1/subjects/erasures";
        Map<String, Object> erasure = Map.of("subjectRef", "p-" + UUID.randomUUID().toString().substring(0, 8),
            "reason", "ERASURE_REQUEST");
        assertThat(call("POST", erasures, erasures, Cases.token(RECEIVER, "AUDITOR"), erasure, null).statusCode())
            .isEqualTo(204);
        assertThat(call("POST", erasures, erasures, Cases.token("se.lansstyrelsen.uppsala", "AUDITOR"), erasure, null)
            .statusCode()).isEqualTo(403);
        assertThat(call("POST", erasures, erasures, centre, erasure, null).statusCode()).isEqualTo(403);
        assertThat(call("POST", erasures, erasures, Cases.token(RECEIVER, "AUDITOR"), Map.of("reason", "LATER"), null)
            .statusCode()).isEqualTo(400);
    }

    /** Sends a request and holds the answer against the document's operation for the path template. */
    private HttpResponse<String> call(String method, String template, String path, String token, Object body,
            String idempotencyKey) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        if (idempotencyKey != null) {
            request.header("Idempotency-Key", idempotencyKey);
        }
        if (body == null) {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            request.header("Content-Type", "application/json")
                .method(method, HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
        }
        HttpResponse<String> answer = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        contract.assertAnswers(method, template, answer);
        return answer;
    }
}
