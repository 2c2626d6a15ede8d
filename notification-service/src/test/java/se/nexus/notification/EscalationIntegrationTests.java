package se.nexus.notification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static se.nexus.notification.CaseEventsTestData.RESOURCE_CENTRE;
import static se.nexus.notification.CaseEventsTestData.coordinator;
import static se.nexus.notification.CaseEventsTestData.inboxAbout;
import static se.nexus.notification.CaseEventsTestData.submit;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import se.nexus.events.notification.NotificationEscalated;
import se.nexus.events.referral.ReferralSubmitted;
import se.nexus.infrastructure.KafkaAccess;
import se.nexus.infrastructure.SharedInfrastructure;
import se.nexus.notification.notification.Escalations;
import se.nexus.schemas.Topics;
import se.nexus.schemas.registry.KafkaAvroDeserializer;
import se.nexus.support.test.ApiClient;

/** Notifications nobody acknowledges in time escalate once, with a clock the test moves past the deadline. */
@NotificationServiceTest
class EscalationIntegrationTests {

    static final String POLICE = "se.polisen.region-mitt";
    static final String POLICE_ESCALATION = "rlc@polisen.region-mitt.example";
    static final String CENTRE_ADDRESS = "samordning@nexus.uppsala.example";

    @LocalServerPort
    int port;
    @Autowired
    ShiftableClock clock;
    @Autowired
    Escalations escalations;
    @Autowired
    AgencySystems systems;
    final ApiClient api = new ApiClient();

    @Test
    void anOverdueNotificationEscalatesOnceToTheEscalationAddressAndTheResourceCentre() {
        ReferralSubmitted overdue = submit(POLICE, true);
        ReferralSubmitted acknowledged = submit(POLICE, false);
        String overdueId = awaitNotification(POLICE, overdue.getReferralId()).get("id").asText();
        String acknowledgedId = awaitNotification(POLICE, acknowledged.getReferralId()).get("id").asText();
        assertThat(api.post(url("/" + acknowledgedId + "/acknowledge"), coordinator(POLICE), Map.of()).status())
            .isEqualTo(200);

        clock.advance(Duration.ofMinutes(16));
        // Two instances checking at the same moment, and a third check after them, escalate it once in all.
        CompletableFuture.allOf(CompletableFuture.runAsync(escalations::escalateDue),
            CompletableFuture.runAsync(escalations::escalateDue)).join();
        escalations.escalateDue();

        JsonNode escalated = inboxAbout(api, port, POLICE, overdue.getReferralId()).get(0);
        assertThat(escalated.get("escalatedAt").isNull()).isFalse();
        assertThat(inboxAbout(api, port, POLICE, acknowledged.getReferralId()).get(0).get("escalatedAt").isNull())
            .isTrue();
        List<JsonNode> notices = inboxAbout(api, port, RESOURCE_CENTRE, overdue.getReferralId());
        assertThat(notices).hasSize(1);
        assertThat(notices.get(0).get("escalationOf").asText()).isEqualTo(overdueId);
        assertThat(notices.get(0).get("overdueAgency").asText()).isEqualTo(POLICE);
        assertThat(notices.get(0).get("subjectRef").isNull()).isTrue();
        assertThat(inboxAbout(api, port, RESOURCE_CENTRE, acknowledged.getReferralId())).isEmpty();

        await().atMost(Duration.ofSeconds(30)).until(() -> escalationsPublished(overdueId).size() == 2);
        assertThat(escalationsPublished(overdueId)).extracting(e -> e.getEscalationAddress().toString())
            .containsExactlyInAnyOrder(POLICE_ESCALATION, CENTRE_ADDRESS);
        assertThat(escalationsPublished(acknowledgedId)).isEmpty();
    }

    @Test
    void anEscalationNoticeIsForTheResourceCentreOnly() {
        ReferralSubmitted overdue = submit(POLICE, false);
        awaitNotification(POLICE, overdue.getReferralId());
        clock.advance(Duration.ofMinutes(16));
        escalations.escalateDue();

        JsonNode notice = inboxAbout(api, port, RESOURCE_CENTRE, overdue.getReferralId()).get(0);
        String noticeUrl = url("/" + notice.get("id").asText());
        assertThat(api.post(noticeUrl + "/acknowledge", coordinator(POLICE), Map.of()).status()).isEqualTo(404);
        assertThat(api.get(noticeUrl + "/deliveries", coordinator(POLICE)).status()).isEqualTo(404);
        assertThat(api.post(noticeUrl + "/acknowledge", coordinator(RESOURCE_CENTRE), Map.of()).status())
            .isEqualTo(200);
    }

    @Test
    void anEscalationIsPostedToTheOverdueAgencysSystem() throws Exception {
        ReferralSubmitted overdue = submit(NotificationTestConfiguration.HEALTHY_AGENCY, false);
        String id = awaitNotification(NotificationTestConfiguration.HEALTHY_AGENCY, overdue.getReferralId())
            .get("id").asText();
        clock.advance(Duration.ofMinutes(16));
        escalations.escalateDue();

        await().atMost(Duration.ofSeconds(20)).until(() -> systems.receivedAbout(overdue.getReferralId()).stream()
            .anyMatch(post -> post.body().contains("\"ESCALATED\"")));
        var response = api.get(url("/" + id + "/deliveries"), coordinator(NotificationTestConfiguration.HEALTHY_AGENCY));
        assertThat(response.body().get("items")).filteredOn(item -> "WEBHOOK".equals(item.get("channel").asText()))
            .extracting(item -> item.get("type").asText()).containsExactlyInAnyOrder("NOTIFIED", "ESCALATED");
        // The e-mail alerts of the same: the function address, then the escalation to it and to the on-call address.
        assertThat(response.body().get("items")).filteredOn(item -> "EMAIL".equals(item.get("channel").asText()))
            .extracting(item -> item.get("type").asText() + " " + item.get("recipient").asText())
            .containsExactlyInAnyOrder("NOTIFIED hrv@vard.region-uppsala.example",
                "ESCALATED hrv@vard.region-uppsala.example", "ESCALATED jour@vard.region-uppsala.example");
        String escalation = systems.receivedAbout(overdue.getReferralId()).stream()
            .filter(post -> post.body().contains("\"ESCALATED\"")).findFirst().orElseThrow().body();
        JsonNode body = new ObjectMapper().readTree(escalation);
        assertThat(body.get("notificationId").asText()).isEqualTo(id);
        assertThat(body.get("escalatedAt").isNull()).isFalse();
    }

    private JsonNode awaitNotification(String agency, String referralId) {
        await().atMost(Duration.ofSeconds(30)).until(() -> inboxAbout(api, port, agency, referralId).size() == 1);
        return inboxAbout(api, port, agency, referralId).get(0);
    }

    private String url(String path) {
        return "http://localhost:" + port + "/api/v1/notifications" + path;
    }

    /** The {@code NotificationEscalated} events about a notification on {@code nexus.notifications}. */
    static List<NotificationEscalated> escalationsPublished(String notificationId) {
        Properties config = new Properties();
        config.putAll(SharedInfrastructure.get().kafka(KafkaAccess.OPERATOR).properties());
        config.put(ConsumerConfig.GROUP_ID_CONFIG, KafkaAccess.operatorGroup("test"));
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        var deserializer = new KafkaAvroDeserializer();
        deserializer.configure(Map.of("schema.registry.url", SharedInfrastructure.get().schemaRegistryUrl(),
            "specific.avro.reader", true), false);
        List<NotificationEscalated> found = new ArrayList<>();
        try (var consumer = new KafkaConsumer<>(config, new StringDeserializer(), deserializer)) {
            consumer.subscribe(List.of(Topics.NOTIFICATIONS));
            long until = System.currentTimeMillis() + 3000;
            while (System.currentTimeMillis() < until) {
                consumer.poll(Duration.ofMillis(300)).forEach(record -> {
                    if (record.value() instanceof NotificationEscalated escalated
                            && notificationId.equals(escalated.getNotificationId().toString())) {
                        found.add(escalated);
                    }
                });
            }
        }
        return found;
    }
}
