package se.nexus.referral;

import static org.assertj.core.api.Assertions.assertThat;
import static se.nexus.referral.Cases.SENDER;

import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import se.nexus.support.test.ApiClient;
import se.nexus.support.test.NexusIntegrationTest;

/**
 * The edge of the API as an attacker meets it: body size limits, strict JSON, and problem details for every
 * error whoever produces it (Spring, Spring Security's firewall, Tomcat itself), and no actuator beyond health.
 */
@NexusIntegrationTest
class ApiEdgeIntegrationTests {

    @LocalServerPort
    int port;
    @Autowired
    JdbcClient jdbc;
    final ApiClient api = new ApiClient();

    long rows(String table) {
        return jdbc.sql("SELECT count(*) FROM " + table).query(Long.class).single();
    }

    String url(String path) {
        return "http://localhost:" + port + path;
    }

    // --- size limits -------------------------------------------------------------------------------------------

    @Test
    void aTenMegabyteBodyIs413AndCreatesNothing() {
        long before = rows("referrals");
        Map<String, Object> body = new HashMap<>(Cases.newReferral());
        body.put("summary", "x".repeat(10 * 1024 * 1024));
        var response = api.post(url("/api/v1/referrals"), Cases.caseworker(SENDER), body);
        assertThat(response.status()).isEqualTo(413);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(rows("referrals")).isEqualTo(before);
    }

    @Test
    void aReferralLongerThanItsLimitIs413ButOneWithinItIsTaken() {
        Map<String, Object> body = new HashMap<>(Cases.newReferral());
        body.put("summary", "x".repeat(4000));
        assertThat(api.post(url("/api/v1/referrals"), Cases.caseworker(SENDER), body).status()).isEqualTo(201);
        var consent = Map.of("subjectRef", "p-1", "grantedTo", List.of("x".repeat(9000)), "purpose", "PROTECTION_AND_SUPPORT",
            "dataCategories", List.of("CASE_SUMMARY"), "validUntil", LocalDate.now().toString(), "obtained", "WRITTEN");
        assertThat(api.post(url("/api/v1/consents"), Cases.caseworker(SENDER), consent).status()).isEqualTo(413);
    }

    @Test
    void aChunkedBodyPastTheLimitWithAnIdempotencyKeyIs413NotCutOff() {
        long referrals = rows("referrals");
        long keys = rows("idempotency_keys");
        byte[] chunk = ("{\"summary\":\"" + "x".repeat(2 * 1024 * 1024) + "\"}").getBytes(StandardCharsets.UTF_8);
        String head = "POST /api/v1/referrals HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n"
            + "Authorization: Bearer " + Cases.caseworker(SENDER) + "\r\nContent-Type: application/json\r\n"
            + "Idempotency-Key: " + UUID.randomUUID() + "\r\nTransfer-Encoding: chunked\r\n\r\n"
            + Integer.toHexString(chunk.length) + "\r\n";
        byte[] rest = (new String(chunk, StandardCharsets.ISO_8859_1) + "\r\n0\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1);
        RawHttp.Answer answer = RawHttp.send(port, head, rest);
        assertThat(answer.status()).isEqualTo(413);
        assertThat(answer.contentType()).startsWith("application/problem+json");
        assertThat(rows("referrals")).isEqualTo(referrals);
        assertThat(rows("idempotency_keys")).isEqualTo(keys);
    }

    // --- strict input ------------------------------------------------------------------------------------------

    @ParameterizedTest
    @ValueSource(strings = {
        "\"urgency\":0", "\"urgency\":\"\"", "\"protectedIdentity\":0", "\"protectedIdentity\":\"true\"",
        "\"toAgency\":42", "\"concerns\":\"THREATS\"", "\"urgency\":\"URGENT\",\"urgency\":\"ROUTINE\"",
        "\"unknownField\":true" })
    void aReferralWithLaxJsonIs400AndCreatesNothing(String replacement) {
        long before = rows("referrals");
        String json = """
            {"toAgency":"se.uppsala.nexus","subject":{"ref":"p-strict","protectedIdentity":false},"urgency":"URGENT",
             "concerns":["THREATS"],"legalBasis":{"type":"STATUTORY","provisionCode":"OSL_10_2"}}""";
        String lax = switch (replacement.substring(1, replacement.indexOf('"', 1))) {
            case "protectedIdentity" -> json.replace("\"protectedIdentity\":false", replacement);
            case "toAgency" -> json.replace("\"toAgency\":\"se.uppsala.nexus\"", replacement);
            case "concerns" -> json.replace("\"concerns\":[\"THREATS\"]", replacement);
            case "unknownField" -> json.replace("\"urgency\":\"URGENT\"", "\"urgency\":\"URGENT\"," + replacement);
            default -> json.replace("\"urgency\":\"URGENT\"", replacement);
        };
        var response = RawHttp.send(port, "POST /api/v1/referrals HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n"
            + "Authorization: Bearer " + Cases.caseworker(SENDER) + "\r\nContent-Type: application/json\r\n"
            + "Content-Length: " + lax.getBytes(StandardCharsets.UTF_8).length + "\r\n\r\n",
            lax.getBytes(StandardCharsets.UTF_8));
        assertThat(response.status()).as(lax).isEqualTo(400);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(rows("referrals")).isEqualTo(before);
    }

    @ParameterizedTest
    @ValueSource(strings = { "\"validUntil\":20300101", "\"validUntil\":\"4926575-01-01\"",
        "\"validUntil\":\"2999-12-31\"", "\"validFrom\":\"1990-01-01\",\"validUntil\":\"NEXT_MONTH\"" })
    void aConsentWithDatesOutOfBoundsIs400AndRecordsNothing(String dates) {
        long before = rows("consents");
        String json = ("{\"subjectRef\":\"p-dates\",\"grantedTo\":[\"se.uppsala.nexus\"],\"purpose\":\"PROTECTION_AND_SUPPORT\","
            + "\"dataCategories\":[\"CASE_SUMMARY\"],\"obtained\":\"WRITTEN\"," + dates + "}")
            .replace("NEXT_MONTH", LocalDate.now().plusMonths(1).toString());
        var response = RawHttp.send(port, "POST /api/v1/consents HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n"
            + "Authorization: Bearer " + Cases.caseworker(SENDER) + "\r\nContent-Type: application/json\r\n"
            + "Content-Length: " + json.length() + "\r\n\r\n", json.getBytes(StandardCharsets.UTF_8));
        assertThat(response.status()).as(json).isEqualTo(400);
        assertThat(rows("consents")).isEqualTo(before);
    }

    // --- every error is a problem detail -----------------------------------------------------------------------

    @ParameterizedTest
    @ValueSource(strings = {
        "GET /error", "TRACE /api/v1/referrals", "FOO /api/v1/referrals", "GET /api/v1/referrals/%00",
        "GET /api/v1/referrals/a%2Fb", "GET /api/v1/referrals/..;/x", "GET /api/v1//referrals",
        "GET /actuator", "GET /actuator/info", "DELETE /api/v1/referrals" })
    void everyRefusalIsAProblemDetail(String request) {
        String[] parts = request.split(" ");
        RawHttp.Answer answer = RawHttp.request(port, parts[0], parts[1],
            "Authorization: Bearer " + Cases.caseworker(SENDER) + "\r\n");
        assertThat(answer.status()).as(request).isBetween(400, 599);
        assertThat(answer.contentType()).as(request + " " + answer.body()).startsWith("application/problem+json");
        assertThat(answer.body()).contains("\"status\":" + answer.status());
    }

    @Test
    void tomcatsOwnRefusalsAreProblemDetails() {
        RawHttp.Answer hugeHeader = RawHttp.request(port, "GET", "/api/v1/referrals", "X-Big: " + "a".repeat(100_000) + "\r\n");
        RawHttp.Answer hugeUrl = RawHttp.request(port, "GET", "/api/v1/referrals?q=" + "a".repeat(20_000), "");
        for (RawHttp.Answer answer : List.of(hugeHeader, hugeUrl)) {
            assertThat(answer.status()).isBetween(400, 499);
            assertThat(answer.contentType()).as(answer.body()).startsWith("application/problem+json");
        }
    }

    @Test
    void healthAnswersWithoutATokenAndNothingElseOfTheActuatorDoes() {
        assertThat(api.get(url("/actuator/health"), null).status()).isEqualTo(200);
        assertThat(api.get(url("/actuator/info"), Cases.caseworker(SENDER)).status()).isEqualTo(404);
        assertThat(api.get(url("/actuator"), Cases.caseworker(SENDER)).status()).isEqualTo(404);
        assertThat(api.get(url("/actuator/env"), Cases.caseworker(SENDER)).status()).isEqualTo(404);
    }
}
