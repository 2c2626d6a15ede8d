package se.nexus.referral;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static se.nexus.referral.Cases.RECEIVER;
import static se.nexus.referral.Cases.SENDER;
import static se.nexus.referral.Cases.expect;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import javax.sql.DataSource;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import se.nexus.support.outbox.OutboxRelay;
import se.nexus.support.test.ApiClient;
import se.nexus.support.test.NexusIntegrationTest;
import se.nexus.support.web.Problems;

/**
 * Admission control on the real servers: while the outbox is further behind than {@code nexus.admission.max-outbox-lag}
 * (30 s), a change is refused with 503 and changes nothing, reads still answer, and once the relay has caught up the
 * same request, with the same Idempotency-Key, is accepted.
 */
@NexusIntegrationTest
class AdmissionIntegrationTests {

    @LocalServerPort
    int port;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    DataSource dataSource;
    final ApiClient api = new ApiClient();

    @Test
    void whileDeliveryIsBehindChangesAreRefusedAndChangeNothingReadsGoOnAndAfterwardsTheSameRequestIsAccepted()
            throws Exception {
        Cases cases = new Cases(port);
        String existing = cases.submitted();
        Map<String, Object> referral = Cases.newReferral();
        String key = UUID.randomUUID().toString();
        ApiClient.Response refused;
        ApiClient.Response read;
        try (Connection relaysHeld = dataSource.getConnection()) {
            holdRelays(relaysHeld, "pg_advisory_lock");
            try {
                cases.submitted();
                // The unpublished event is an hour old: the relay has fallen far behind.
                jdbc.sql("UPDATE outbox SET created_at = now() - interval '1 hour' WHERE published_at IS NULL").update();
                await("admission sees the lag").atMost(Duration.ofSeconds(30))
                    .until(() -> submit(Map.of(), null).status() == 503);
                long referrals = count("referrals");
                long events = referralEvents();

                refused = submit(referral, key);
                ApiClient.Response transition = cases.post("/api/v1/referrals/" + existing + "/receive", RECEIVER, Map.of());
                read = api.get(cases.url("/api/v1/referrals/" + existing), Cases.caseworker(SENDER));

                expect(transition, 503);
                assertThat(count("referrals")).as("no referral").isEqualTo(referrals);
                assertThat(referralEvents()).as("no event").isEqualTo(events);
                assertThat(jdbc.sql("SELECT count(*) FROM idempotency_keys WHERE idempotency_key = ?").param(key)
                    .query(Long.class).single()).as("no Idempotency-Key stored").isZero();
            } finally {
                holdRelays(relaysHeld, "pg_advisory_unlock");
            }
        }

        expect(refused, 503);
        assertThat(refused.contentType()).startsWith("application/problem+json");
        assertThat(refused.header("Retry-After")).isEqualTo("10");
        assertThat(refused.body().get("type").asText()).isEqualTo(Problems.TYPE_BASE + "delivery-behind");
        assertThat(refused.body().get("detail").asText()).contains("nothing was changed");
        expect(read, 200);
        assertThat(read.body().get("status").asText()).isEqualTo("SUBMITTED");

        await("the same request accepted once the relay has caught up").atMost(Duration.ofSeconds(60))
            .until(() -> submit(referral, key).status() == 201);
        expect(cases.post("/api/v1/referrals/" + existing + "/receive", RECEIVER, Map.of()), 200);
    }

    private ApiClient.Response submit(Map<String, Object> body, String idempotencyKey) {
        return api.post(new Cases(port).url("/api/v1/referrals"), Cases.caseworker(SENDER), body,
            idempotencyKey == null ? Map.of() : Map.of("Idempotency-Key", idempotencyKey));
    }

    private long count(String table) {
        return jdbc.sql("SELECT count(*) FROM " + table).query(Long.class).single();
    }

    /** The events the refused requests would have made; other jobs (consent expiry) may add others meanwhile. */
    private long referralEvents() {
        return jdbc.sql("""
                SELECT count(*) FROM outbox
                WHERE event_type LIKE '%.ReferralSubmitted' OR event_type LIKE '%.ReferralReceived'""")
            .query(Long.class).single();
    }

    /** Takes or gives back the relays' lock on a connection of the test's own, so that no relay publishes meanwhile. */
    private static void holdRelays(Connection connection, String function) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement("SELECT " + function + "(?)")) {
            statement.setLong(1, OutboxRelay.RELAY_LOCK);
            statement.executeQuery().close();
        }
    }
}
