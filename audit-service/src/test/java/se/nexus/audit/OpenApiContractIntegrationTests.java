package se.nexus.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.Set;

import org.junit.jupiter.api.Test;

import se.nexus.infrastructure.SharedInfrastructure;
import se.nexus.support.test.NexusIntegrationTest;
import se.nexus.support.test.ServedOpenApiDocumentTests;

/** The served OpenAPI document is the API: it parses cleanly and documents what real calls answer. */
@NexusIntegrationTest
class OpenApiContractIntegrationTests extends ServedOpenApiDocumentTests {

    OpenApiContractIntegrationTests() {
        super("audit-service");
    }


    @Test
    void theExportIsJsonLinesAndACheckpointIsCreated() {
        var export = contract.api().getPaths().get("/api/v1/audit/export").getGet();
        assertThat(export.getResponses().get("200").getContent()).containsOnlyKeys("application/jsonl");
        var sign = contract.api().getPaths().get("/api/v1/audit/checkpoints").getPost();
        assertThat(sign.getResponses()).containsKey("201").doesNotContainKey("200");
    }

    @Test
    void realAnswersAreDocumented() {
        AuditApi api = new AuditApi(port);
        String auditor = AuditApi.auditorToken();
        checked("GET", "/api/v1/audit/entries", api.get("/api/v1/audit/entries", auditor), 200);
        checked("GET", "/api/v1/audit/entries", api.get("/api/v1/audit/entries?size=0", auditor), 400);
        checked("GET", "/api/v1/audit/entries/{position}", api.get("/api/v1/audit/entries/1", auditor), 200);
        checked("GET", "/api/v1/audit/entries/{position}", api.get("/api/v1/audit/entries/0", auditor), 400);
        checked("GET", "/api/v1/audit/entries/{position}", api.get("/api/v1/audit/entries/9000000000", auditor), 404);
        checked("GET", "/api/v1/audit/verify", api.get("/api/v1/audit/verify", null), 401);
        checked("GET", "/api/v1/audit/verify", api.get("/api/v1/audit/verify", caseworker()), 403);
        checked("GET", "/api/v1/audit/verify", api.get("/api/v1/audit/verify", auditor), 200);
        checked("GET", "/api/v1/audit/checkpoints", api.get("/api/v1/audit/checkpoints", auditor), 200);
        checked("POST", "/api/v1/audit/checkpoints", api.post("/api/v1/audit/checkpoints", auditor), 201);
        checked("GET", "/api/v1/audit/export", api.get("/api/v1/audit/export", auditor), 200);
    }

    @Test
    void statisticsAnswersAreDocumented() {
        AuditApi api = new AuditApi(port);
        String followUp = AuditApi.token("se.lansstyrelsen.uppsala", "FOLLOW_UP");
        checked("GET", "/api/v1/statistics", api.get("/api/v1/statistics", followUp), 200);
        checked("GET", "/api/v1/statistics", api.get("/api/v1/statistics?format=csv", followUp), 200);
        checked("GET", "/api/v1/statistics", api.get("/api/v1/statistics?groupBy=month", followUp), 400);
        checked("GET", "/api/v1/statistics", api.get("/api/v1/statistics", null), 401);
        checked("GET", "/api/v1/statistics", api.get("/api/v1/statistics", caseworker()), 403);
    }

    /** A valid token whose role may not read the log: the resource centre's caseworker. */
    private static String caseworker() {
        return SharedInfrastructure.get().tokenIssuer().issue("u-1", "se.uppsala.nexus", Set.of("CASEWORKER"));
    }

    private void checked(String method, String template, HttpResponse<String> answer, int status) {
        assertThat(answer.statusCode()).as(method + " " + template).isEqualTo(status);
        contract.assertAnswers(method, template, answer);
    }
}
