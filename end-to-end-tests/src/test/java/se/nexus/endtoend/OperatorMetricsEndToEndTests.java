package se.nexus.endtoend;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import se.nexus.local.LocalPlatform;
import se.nexus.support.test.ApiClient;

/**
 * What operators scrape: each service's {@code /actuator/prometheus} (exposed on the local platform) carries the
 * domain meters of a case that went through it, and no person, referral or free text.
 */
class OperatorMetricsEndToEndTests {

    static final String SOCIAL_SERVICES = "se.uppsala.socialtjanst";
    static final HttpClient http = HttpClient.newHttpClient();
    static final ApiClient api = new ApiClient();
    static LocalPlatform platform;

    @BeforeAll
    static void startPlatform() {
        platform = SharedPlatform.get();
    }

    @Test
    void aCaseShowsInTheMetersOfEveryServiceWithoutItsPerson() throws Exception {
        String subject = "p-meters-" + UUID.randomUUID().toString().substring(0, 8);
        String referral = Referrals.accepted(platform, SOCIAL_SERVICES, subject, "IMMEDIATE");
        String notification = awaitNotification(referral);
        assertThat(api.post(platform.serviceUrl("notification-service") + "/api/v1/notifications/" + notification
            + "/acknowledge", coordinator(), Map.of()).status()).isEqualTo(200);

        await("the referral service's meters").atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(
            scrape("referral-service"))
            .contains("nexus_referrals_transitions_total{")
            .contains("transition=\"SUBMITTED\"").contains("transition=\"ACCEPTED\"").contains("urgency=\"IMMEDIATE\"")
            .contains("nexus_outbox_lag")
            .contains("nexus_admission_refused_total"));
        await("the notification service's meters").atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(
            scrape("notification-service"))
            .contains("nexus_notifications_notified_total{")
            .contains("nexus_notifications_time_to_acknowledge_seconds_count{")
            .contains("kafka_consumer_fetch_manager_records_lag_max"));
        await("the audit service's meters").atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(
            scrape("audit-service"))
            .contains("nexus_audit_chain_length")
            .contains("nexus_audit_append_lag_seconds_count"));
        for (String service : LocalPlatform.API_SERVICES) {
            assertThat(scrape(service)).as(service).doesNotContain(subject).doesNotContain(referral);
        }
    }

    private static String awaitNotification(String referral) {
        String url = platform.serviceUrl("notification-service") + "/api/v1/notifications?unacknowledged=true&size=100";
        String[] found = new String[1];
        await("the resource centre notified").atMost(Duration.ofSeconds(60)).until(() -> {
            for (var item : api.get(url, coordinator()).body().get("items")) {
                if (referral.equals(item.get("referralId").asText())) {
                    found[0] = item.get("id").asText();
                    return true;
                }
            }
            return false;
        });
        return found[0];
    }

    private static String coordinator() {
        return platform.token(Referrals.RESOURCE_CENTRE, "COORDINATOR");
    }

    private static String scrape(String service) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(
            URI.create(platform.serviceUrl(service) + "/actuator/prometheus")).GET().build(),
            HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(service + " /actuator/prometheus").isEqualTo(200);
        return response.body();
    }
}
