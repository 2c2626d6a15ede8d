package se.nexus.console.api;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

import org.springframework.core.ParameterizedTypeReference;
import org.springframework.web.client.RestClient;

import tools.jackson.databind.JsonNode;

/** The audit service's public API, called as the signed-in auditor; every call is itself logged there. */
public class AuditApi {

    private static final ParameterizedTypeReference<Views.Page<Views.AuditEntry>> ENTRIES =
        new ParameterizedTypeReference<>() {
        };

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

    /** A page of the log in position order; the filters go to the service, never into the console's URLs. */
    public Views.Page<Views.AuditEntry> entries(Search search, int page, int size) {
        return Calls.call(() -> http.get()
            .uri(uri -> uri.path("/api/v1/audit/entries")
                .queryParamIfPresent("referralId", Optional.ofNullable(search.referralId()))
                .queryParamIfPresent("subjectRef", Optional.ofNullable(search.subjectRef()))
                .queryParamIfPresent("agency", Optional.ofNullable(search.agency()))
                .queryParamIfPresent("eventType", Optional.ofNullable(search.eventType()))
                .queryParamIfPresent("from", Optional.ofNullable(search.from()))
                .queryParamIfPresent("to", Optional.ofNullable(search.to()))
                .queryParam("page", page)
                .queryParam("size", size)
                .build())
            .retrieve()
            .body(ENTRIES));
    }

    public Views.ChainedEntry entry(long position) {
        return Calls.call(() -> http.get()
            .uri("/api/v1/audit/entries/{position}", position)
            .retrieve()
            .body(Views.ChainedEntry.class));
    }

    public Views.Verification verify() {
        return Calls.call(() -> http.get().uri("/api/v1/audit/verify").retrieve().body(Views.Verification.class));
    }

    public Views.Checkpoints checkpoints() {
        return Calls.call(() -> http.get().uri("/api/v1/audit/checkpoints").retrieve().body(Views.Checkpoints.class));
    }

    public Views.Checkpoint signCheckpoint() {
        return Calls.call(() -> http.post().uri("/api/v1/audit/checkpoints").retrieve().body(Views.Checkpoint.class));
    }

    /**
     * Copies the whole export, as it arrives, into the target: the log is never held in memory. The target is opened
     * only once the service has accepted the request, so that a refusal can still become a page.
     */
    public void export(ExportTarget target) {
        Calls.call(() -> http.get().uri("/api/v1/audit/export").exchange((request, response) -> {
            if (response.getStatusCode().isError()) {
                throw new ApiProblem(response.getStatusCode().value(), null, null);
            }
            try (InputStream body = response.getBody()) {
                body.transferTo(target.open());
            }
            return null;
        }));
    }

    /** Filters of a search of the log, each optional; times bound the event's time, {@code to} exclusive. */
    public record Search(String referralId, String subjectRef, String agency, String eventType, Instant from,
            Instant to) {
    }

    /** Where an export goes. */
    @FunctionalInterface
    public interface ExportTarget {

        OutputStream open() throws IOException;
    }
}
