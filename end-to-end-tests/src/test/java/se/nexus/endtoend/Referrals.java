package se.nexus.endtoend;

import java.util.List;
import java.util.Map;

import se.nexus.local.LocalPlatform;
import se.nexus.support.test.ApiClient;

import static org.assertj.core.api.Assertions.assertThat;

/** Referrals to the resource centre made through the public API, as an agency's system makes them, for the browser tests. */
final class Referrals {

    static final String RESOURCE_CENTRE = "se.uppsala.nexus";

    private static final ApiClient api = new ApiClient();

    private Referrals() {
    }

    /** A referral from the agency to the resource centre on a statutory provision; its id. */
    static String submitted(LocalPlatform platform, String from, String subject, String urgency) {
        var submitted = api.post(platform.serviceUrl("referral-service") + "/api/v1/referrals",
            platform.token(from, "CASEWORKER"), Map.of("toAgency", RESOURCE_CENTRE,
                "subject", Map.of("ref", subject, "protectedIdentity", false), "urgency", urgency,
                "concerns", List.of("THREATS"), "legalBasis", Map.of("type", "STATUTORY", "provisionCode", "OSL_10_2")));
        assertThat(submitted.status()).isEqualTo(201);
        return submitted.body().get("id").asText();
    }

    /** The same, received and accepted by the resource centre: it owns the case. */
    static String accepted(LocalPlatform platform, String from, String subject, String urgency) {
        String id = submitted(platform, from, subject, urgency);
        String receiver = platform.token(RESOURCE_CENTRE, "CASEWORKER");
        String url = platform.serviceUrl("referral-service") + "/api/v1/referrals/" + id;
        assertThat(api.post(url + "/receive", receiver, Map.of()).status()).isEqualTo(200);
        assertThat(api.post(url + "/accept", receiver, Map.of()).status()).isEqualTo(200);
        return id;
    }
}
