package se.nexus.referral;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.apache.avro.specific.SpecificRecord;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import se.nexus.events.referral.ReferralSubmitted;
import se.nexus.infrastructure.SharedInfrastructure;
import se.nexus.schemas.Topics;
import se.nexus.support.test.ApiClient;
import se.nexus.support.test.NexusIntegrationTest;

/** The referral service on real PostgreSQL, Kafka and schema registry, over real HTTP. */
@NexusIntegrationTest
class ReferralIntegrationTests {

    static final String SENDER = "se.uppsala.socialtjanst";
    static final String RECEIVER = "se.uppsala.nexus";

    @LocalServerPort
    int port;
    @Autowired
    JdbcClient jdbc;
    final ApiClient api = new ApiClient();

    String url(String path) {
        return "http://localhost:" + port + path;
    }

    static String token(String agency, String... roles) {
        return SharedInfrastructure.get().tokenIssuer().issue("u-" + agency.length(), agency, Set.of(roles));
    }

    static Map<String, Object> referral(String subjectRef, String summary) {
        return Map.of(
            "toAgency", RECEIVER,
            "subject", Map.of("ref", subjectRef, "protectedIdentity", false),
            "urgency", "IMMEDIATE",
            "concerns", List.of("THREATS"),
            "legalBasis", Map.of("type", "STATUTORY", "provisionCode", "OSL_10_2"),
            "summary", summary);
    }

    @Test
    void aSubmittedReferralIsStoredWithItsSummaryEncryptedAndPublishedWithoutIt() {
        String subject = "p-" + UUID.randomUUID().toString().substring(0, 8);
        var created = api.post(url("/api/v1/referrals"), token(SENDER, "CASEWORKER"), referral(subject, "Secret narrative 4711"));
        assertThat(created.status()).isEqualTo(201);
        String id = created.body().get("id").asText();

        byte[] stored = jdbc.sql("SELECT summary_ciphertext FROM referrals WHERE id = ?").param(UUID.fromString(id))
            .query(byte[].class).single();
        assertThat(new String(stored, java.nio.charset.StandardCharsets.ISO_8859_1)).doesNotContain("Secret narrative");
        assertThat(api.get(url("/api/v1/referrals/" + id), token(RECEIVER, "CASEWORKER")).body().get("summary").asText())
            .isEqualTo("Secret narrative 4711");

        ReferralSubmitted event = (ReferralSubmitted) await().atMost(Duration.ofSeconds(30))
            .until(() -> KafkaEvents.forKey(Topics.REFERRALS, id), events -> !events.isEmpty()).get(0);
        assertThat(event.getFromAgency()).isEqualTo(SENDER);
        assertThat(event.getToAgency()).isEqualTo(RECEIVER);
        assertThat(event.getSubject().getRef()).isEqualTo(subject);
        assertThat(event.getLegalBasis().getProvisionCode()).isEqualTo("OSL_10_2");
        assertThat(event.toString()).doesNotContain("Secret narrative");
    }

    @Test
    void invalidInputIsA400ListingTheFieldsAndStoresNothing() {
        long before = jdbc.sql("SELECT count(*) FROM referrals").query(Long.class).single();
        var response = api.post(url("/api/v1/referrals"), token(SENDER, "CASEWORKER"), Map.of(
            "toAgency", RECEIVER, "subject", Map.of("ref", "bad ref with spaces"), "urgency", "URGENT",
            "concerns", List.of(), "legalBasis", Map.of("type", "STATUTORY", "provisionCode", "OSL_10_2")));
        assertThat(response.status()).isEqualTo(400);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(response.body().has("errors")).as(response.body().toString()).isTrue();
        assertThat(response.body().get("errors").findValuesAsText("field")).contains("concerns", "subject.ref");
        assertThat(response.body().toString()).doesNotContain("bad ref with spaces");
        assertThat(jdbc.sql("SELECT count(*) FROM referrals").query(Long.class).single()).isEqualTo(before);
    }

    @Test
    void anUnknownAgencyOrProvisionIsA400() {
        var unknownAgency = new java.util.HashMap<>(referral("p-x", "n/a"));
        unknownAgency.put("toAgency", "se.nowhere");
        assertThat(api.post(url("/api/v1/referrals"), token(SENDER, "CASEWORKER"), unknownAgency).status()).isEqualTo(400);
        var unknownProvision = new java.util.HashMap<>(referral("p-x", "n/a"));
        unknownProvision.put("legalBasis", Map.of("type", "STATUTORY", "provisionCode", "OSL_99_99"));
        var response = api.post(url("/api/v1/referrals"), token(SENDER, "CASEWORKER"), unknownProvision);
        assertThat(response.status()).isEqualTo(400);
        assertThat(response.body().get("errors").findValuesAsText("field")).contains("legalBasis.provisionCode");
    }

    @Test
    void aConsentBasisWithoutACoveringConsentIs422() {
        var request = new java.util.HashMap<>(referral("p-no-consent", "n/a"));
        request.put("legalBasis", Map.of("type", "CONSENT", "consentId", UUID.randomUUID().toString()));
        var response = api.post(url("/api/v1/referrals"), token(SENDER, "CASEWORKER"), request);
        assertThat(response.status()).isEqualTo(422);
    }
}
