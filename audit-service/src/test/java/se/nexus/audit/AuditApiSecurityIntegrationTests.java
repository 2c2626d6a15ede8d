package se.nexus.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

import se.nexus.support.test.NexusIntegrationTest;

@NexusIntegrationTest
class AuditApiSecurityIntegrationTests {

    /** Position 1 always exists for an auditor: each read is appended to the chain before it runs. */
    private static final List<String> READS = List.of("/api/v1/audit/entries", "/api/v1/audit/entries/1",
        "/api/v1/audit/verify", "/api/v1/audit/export", "/api/v1/audit/checkpoints");

    @LocalServerPort
    int port;

    static final String RESOURCE_CENTRE = "se.uppsala.nexus";

    @Test
    void withoutATokenEveryEndpointIs401AsProblemDetails() {
        for (String path : READS) {
            HttpResponse<String> response = api().get(path, null);
            assertThat(response.statusCode()).as(path).isEqualTo(401);
            assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/problem+json"));
        }
        assertThat(api().post("/api/v1/audit/checkpoints", null).statusCode()).isEqualTo(401);
    }

    /** The resource centre may hold every role; only its AUDITOR tokens reach the log. */
    @Test
    void aCaseworkerOrCoordinatorIs403() {
        for (String role : List.of("CASEWORKER", "COORDINATOR")) {
            String token = AuditApi.token(RESOURCE_CENTRE, role);
            for (String path : READS) {
                assertThat(api().get(path, token).statusCode()).as(role + " " + path).isEqualTo(403);
            }
            assertThat(api().post("/api/v1/audit/checkpoints", token).statusCode()).isEqualTo(403);
        }
    }

    /** The county board holds only AUDITOR: a token claiming another role for it is not a valid token. */
    @Test
    void aRoleTheAgencyMayNotHoldIs401() {
        assertThat(api().get(READS.get(0), AuditApi.token("CASEWORKER")).statusCode()).isEqualTo(401);
        assertThat(api().get(READS.get(0), AuditApi.token("se.uppsala.socialtjanst", "AUDITOR")).statusCode())
            .isEqualTo(401);
    }

    @Test
    void anAuditorIsServed() {
        for (String path : READS) {
            assertThat(api().get(path, AuditApi.auditorToken()).statusCode()).as(path).isEqualTo(200);
        }
    }

    @Test
    void healthAndTheOpenApiDescriptionNeedNoToken() {
        assertThat(api().get("/actuator/health/readiness", null).statusCode()).isEqualTo(200);
        HttpResponse<String> docs = api().get("/v3/api-docs", null);
        assertThat(docs.statusCode()).isEqualTo(200);
        assertThat(docs.body()).contains("/api/v1/audit/verify", "/api/v1/audit/export");
    }

    @Test
    void anInvalidPageIsA400ThatNamesTheField() {
        HttpResponse<String> response = api().get("/api/v1/audit/entries?size=0", AuditApi.auditorToken());
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).contains("\"field\":\"size\"");
        assertThat(api().get("/api/v1/audit/entries?from=yesterday", AuditApi.auditorToken()).statusCode()).isEqualTo(400);
    }

    private AuditApi api() {
        return new AuditApi(port);
    }
}
