package se.nexus.console.api;

import org.springframework.web.client.RestClient;

import tools.jackson.databind.JsonNode;

/** The audit service's public API, called as the signed-in auditor; every call is itself logged there. */
public class AuditApi {

    private final RestClient http;

    AuditApi(RestClient http) {
        this.http = http;
    }

    /** The person's extract, newest first; the subject ref goes to the service, never into the console's URLs. */
    public JsonNode extract(String subjectRef) {
        return Calls.call(() -> http.get()
            .uri("/api/v1/audit/subjects/{subjectRef}/extract?size=500", subjectRef)
            .retrieve()
            .body(JsonNode.class));
    }

    public JsonNode flags(boolean reviewed) {
        return Calls.call(() -> http.get()
            .uri(uri -> uri.path("/api/v1/audit/flags").queryParam("reviewed", reviewed).queryParam("size", 200).build())
            .retrieve()
            .body(JsonNode.class));
    }

    public JsonNode review(long flag, String code) {
        return Calls.call(() -> http.post()
            .uri("/api/v1/audit/flags/{id}/review", flag)
            .body(java.util.Map.of("code", code == null ? "" : code))
            .retrieve()
            .body(JsonNode.class));
    }
}
