package se.nexus.referral;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import se.nexus.infrastructure.SharedInfrastructure;
import se.nexus.support.test.ApiClient;

/** Builds cases in a given state through the public API, as the agencies would. */
final class Cases {

    static final String SENDER = "se.uppsala.socialtjanst";
    static final String RECEIVER = "se.uppsala.nexus";
    static final String TARGET = "se.polisen.region-mitt";
    static final String UNINVOLVED = "se.region-uppsala.vard";

    private final ApiClient api = new ApiClient();
    private final String base;

    Cases(int port) {
        this.base = "http://localhost:" + port;
    }

    String url(String path) {
        return base + path;
    }

    static String token(String agency, String role) {
        return SharedInfrastructure.get().tokenIssuer().issue("u-" + Math.abs(agency.hashCode()), agency, Set.of(role));
    }

    static String caseworker(String agency) {
        return token(agency, "CASEWORKER");
    }

    static Map<String, Object> newReferral() {
        return Map.of(
            "toAgency", RECEIVER,
            "subject", Map.of("ref", "p-" + UUID.randomUUID().toString().substring(0, 8), "protectedIdentity", false),
            "urgency", "URGENT",
            "concerns", List.of("THREATS"),
            "legalBasis", Map.of("type", "STATUTORY", "provisionCode", "OSL_10_2"),
            "summary", "Summary text");
    }

    ApiClient.Response post(String path, String agency, Object body) {
        return api.post(url(path), caseworker(agency), body);
    }

    String submitted() {
        var response = post("/api/v1/referrals", SENDER, newReferral());
        assertThat(response.status()).as(response.body().toString()).isEqualTo(201);
        return response.body().get("id").asText();
    }

    String received() {
        String id = submitted();
        expect(post("/api/v1/referrals/" + id + "/receive", RECEIVER, Map.of()), 200);
        return id;
    }

    String accepted() {
        String id = received();
        expect(post("/api/v1/referrals/" + id + "/accept", RECEIVER, Map.of()), 200);
        return id;
    }

    /** An accepted referral with a pending handover from the receiver (owner) to the target; returns the handover id. */
    String pendingHandover() {
        String id = accepted();
        var response = post("/api/v1/referrals/" + id + "/handovers", RECEIVER, Map.of("toAgency", TARGET, "reason", "CRIME_SUSPECTED"));
        expect(response, 201);
        return response.body().get("id").asText();
    }

    /** A referral handed over to the target, who now owns it. */
    String handedOver() {
        String handover = pendingHandover();
        var response = post("/api/v1/handovers/" + handover + "/accept", TARGET, Map.of());
        expect(response, 200);
        return response.body().get("referralId").asText();
    }

    static void expect(ApiClient.Response response, int status) {
        assertThat(response.status()).as(response.body().toString()).isEqualTo(status);
    }
}
