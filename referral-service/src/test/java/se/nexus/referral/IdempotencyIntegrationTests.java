package se.nexus.referral;

import static org.assertj.core.api.Assertions.assertThat;
import static se.nexus.referral.Cases.SENDER;

import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import se.nexus.support.test.ApiClient;
import se.nexus.support.test.NexusIntegrationTest;

/** Idempotency-Key on creating POSTs, over real HTTP against real PostgreSQL. */
@NexusIntegrationTest
class IdempotencyIntegrationTests {

    @LocalServerPort
    int port;
    @Autowired
    JdbcClient jdbc;
    final ApiClient api = new ApiClient();

    ApiClient.Response submit(String agency, Map<String, Object> body, String key) {
        return api.post("http://localhost:" + port + "/api/v1/referrals", Cases.caseworker(agency), body,
            Map.of("Idempotency-Key", key));
    }

    long referrals() {
        return jdbc.sql("SELECT count(*) FROM referrals").query(Long.class).single();
    }

    @Test
    void theSameKeyAndBodyReturnsTheFirstAnswerAndCreatesOnce() {
        String key = UUID.randomUUID().toString();
        Map<String, Object> body = Cases.newReferral();
        var first = submit(SENDER, body, key);
        long after = referrals();
        var again = submit(SENDER, body, key);

        assertThat(first.status()).isEqualTo(201);
        assertThat(again.status()).isEqualTo(201);
        assertThat(again.body().get("id")).isEqualTo(first.body().get("id"));
        assertThat(again.body().get("status").asText()).isEqualTo("SUBMITTED");
        assertThat(referrals()).isEqualTo(after);
        byte[] stored = jdbc.sql("SELECT body FROM idempotency_keys WHERE idempotency_key = ?").param(key)
            .query(byte[].class).single();
        assertThat(new String(stored, java.nio.charset.StandardCharsets.ISO_8859_1)).as("stored answer is sealed")
            .doesNotContain("Summary text").doesNotContain(first.body().get("id").asText());
    }

    @Test
    void theSameKeyWithAnotherBodyIs422AndCreatesNothing() {
        String key = UUID.randomUUID().toString();
        submit(SENDER, Cases.newReferral(), key);
        long after = referrals();
        var other = new HashMap<>(Cases.newReferral());
        other.put("urgency", "ROUTINE");
        var response = submit(SENDER, other, key);
        assertThat(response.status()).isEqualTo(422);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(referrals()).isEqualTo(after);
    }

    @Test
    void keysArePerAgencyAndExpire() {
        String key = UUID.randomUUID().toString();
        var first = submit(SENDER, Cases.newReferral(), key);
        var otherAgency = submit("se.region-uppsala.vard", Cases.newReferral(), key);
        assertThat(otherAgency.status()).isEqualTo(201);
        assertThat(otherAgency.body().get("id")).isNotEqualTo(first.body().get("id"));

        jdbc.sql("UPDATE idempotency_keys SET created_at = now() - interval '25 hours' WHERE idempotency_key = ?")
            .param(key).update();
        var afterExpiry = submit(SENDER, Cases.newReferral(), key);
        assertThat(afterExpiry.status()).isEqualTo(201);
        assertThat(afterExpiry.body().get("id")).isNotEqualTo(first.body().get("id"));
    }

    @Test
    void aRefusedRequestIsRememberedToo() {
        String key = UUID.randomUUID().toString();
        var invalid = new HashMap<>(Cases.newReferral());
        invalid.put("toAgency", "se.unknown");
        assertThat(submit(SENDER, invalid, key).status()).isEqualTo(400);
        assertThat(submit(SENDER, invalid, key).status()).isEqualTo(400);
    }
}
