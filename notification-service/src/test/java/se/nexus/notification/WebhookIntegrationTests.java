package se.nexus.notification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static se.nexus.notification.CaseEventsTestData.coordinator;
import static se.nexus.notification.CaseEventsTestData.inboxAbout;
import static se.nexus.notification.CaseEventsTestData.submit;
import static se.nexus.notification.NotificationTestConfiguration.HANGING_AGENCY;
import static se.nexus.notification.NotificationTestConfiguration.HEALTHY_AGENCY;
import static se.nexus.notification.NotificationTestConfiguration.HEALTHY_SECRET;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.stream.IntStream;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import se.nexus.events.referral.ReferralSubmitted;
import se.nexus.notification.AgencySystems.Received;
import se.nexus.schemas.Topics;
import se.nexus.support.test.ApiClient;

/** Notifications POSTed, signed, to agencies' systems on a real local HTTP server. */
@NotificationServiceTest
class WebhookIntegrationTests {

    static final ObjectMapper JSON = new ObjectMapper();

    @LocalServerPort
    int port;
    @Autowired
    AgencySystems systems;
    final ApiClient api = new ApiClient();

    @Test
    void aNotificationIsRetriedUntilDeliveredAndEveryAttemptIsSignedWithTheAgencysSecret() throws Exception {
        ReferralSubmitted event = CaseEventsTestData.submitted(HEALTHY_AGENCY, true);
        systems.failFirst(event.getReferralId(), 2);
        CaseEventsTestData.send(Topics.REFERRALS, event.getReferralId(), event);
        String id = awaitNotification(HEALTHY_AGENCY, event.getReferralId()).get("id").asText();

        await().atMost(Duration.ofSeconds(20)).until(() -> "DELIVERED".equals(delivery(HEALTHY_AGENCY, id).path("state").asText()));
        JsonNode delivery = delivery(HEALTHY_AGENCY, id);
        assertThat(delivery.get("attempts").asInt()).isEqualTo(3);
        assertThat(delivery.get("type").asText()).isEqualTo("NOTIFIED");

        List<Received> posts = systems.receivedAbout(event.getReferralId());
        assertThat(posts).hasSize(3).allSatisfy(post -> {
            assertThat(post.deliveryId()).isEqualTo(delivery.get("id").asText());
            assertThat(post.signature()).isEqualTo(expectedSignature(HEALTHY_SECRET, post.timestamp(), post.body()));
            assertThat(post.signature()).isNotEqualTo(expectedSignature("another secret", post.timestamp(), post.body()));
        });
        JsonNode body = JSON.readTree(posts.get(2).body());
        assertThat(body.get("notificationId").asText()).isEqualTo(id);
        assertThat(body.get("eventType").asText()).isEqualTo("REFERRAL_SUBMITTED");
        assertThat(body.get("agency").asText()).isEqualTo(HEALTHY_AGENCY);
        assertThat(body.has("subjectRef")).isFalse();
        assertThat(posts.get(2).body()).doesNotContain(event.getSubject().getRef());
    }

    @Test
    void anAgencysHangingEndpointDelaysNoOtherAgencyAndIsGivenUpAfterTheCap() {
        List<ReferralSubmitted> stuck = IntStream.range(0, 6).mapToObj(i -> submit(HANGING_AGENCY, false)).toList();
        await().atMost(Duration.ofSeconds(30)).until(() -> systems.hangingCalls() >= 2);

        ReferralSubmitted other = submit(HEALTHY_AGENCY, false);
        String otherId = awaitNotification(HEALTHY_AGENCY, other.getReferralId()).get("id").asText();
        await().atMost(Duration.ofSeconds(5)).until(() -> "DELIVERED".equals(delivery(HEALTHY_AGENCY, otherId).path("state").asText()));
        assertThat(delivery(HEALTHY_AGENCY, otherId).get("attempts").asInt()).isEqualTo(1);

        String stuckId = awaitNotification(HANGING_AGENCY, stuck.get(0).getReferralId()).get("id").asText();
        await().atMost(Duration.ofSeconds(60)).until(() -> "FAILED".equals(delivery(HANGING_AGENCY, stuckId).path("state").asText()));
        JsonNode failed = delivery(HANGING_AGENCY, stuckId);
        assertThat(failed.get("attempts").asInt()).isEqualTo(4);
        assertThat(failed.get("lastError").asText()).isEqualTo("HttpTimeoutException");
        // Each attempt holds one of the agency's two slots for the 1 s request timeout, so no three ever start
        // within 0.9 s; a worker without the per-agency cap would have started four at once.
        assertThat(systems.mostHangingCallsWithin(Duration.ofMillis(900))).isEqualTo(2);
    }

    @Test
    void deliveriesAreForTheOwnAgencyOnly() {
        ReferralSubmitted event = submit(HEALTHY_AGENCY, false);
        String id = awaitNotification(HEALTHY_AGENCY, event.getReferralId()).get("id").asText();
        String url = "http://localhost:" + port + "/api/v1/notifications/" + id + "/deliveries";
        assertThat(api.get(url, coordinator(HANGING_AGENCY)).status()).isEqualTo(404);
        assertThat(api.get(url, CaseEventsTestData.caseworker(HEALTHY_AGENCY)).status()).isEqualTo(403);
        assertThat(api.get(url, null).status()).isEqualTo(401);
        assertThat(api.get(url, coordinator(HEALTHY_AGENCY)).status()).isEqualTo(200);
        assertThat(inboxAbout(api, port, HANGING_AGENCY, event.getReferralId())).isEmpty();
    }

    private JsonNode awaitNotification(String agency, String referralId) {
        await().atMost(Duration.ofSeconds(30)).until(() -> inboxAbout(api, port, agency, referralId).size() == 1);
        return inboxAbout(api, port, agency, referralId).get(0);
    }

    /** The notification's first delivery, the one of type NOTIFIED. */
    private JsonNode delivery(String agency, String notificationId) {
        var response = api.get("http://localhost:" + port + "/api/v1/notifications/" + notificationId + "/deliveries",
            coordinator(agency));
        assertThat(response.status()).isEqualTo(200);
        for (JsonNode item : response.body().get("items")) {
            if ("WEBHOOK".equals(item.get("channel").asText()) && "NOTIFIED".equals(item.get("type").asText())) {
                return item;
            }
        }
        return JSON.nullNode();
    }

    /** The signature as an agency's system computes it, independently of the service's code. */
    static String expectedSignature(String secret, String timestamp, String body) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return "sha256=" + HexFormat.of().formatHex(mac.doFinal((timestamp + "." + body).getBytes(StandardCharsets.UTF_8)));
    }
}
