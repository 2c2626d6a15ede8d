package se.nexus.notification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

import se.nexus.events.referral.ReferralSubmitted;
import se.nexus.infrastructure.KafkaAccess;
import se.nexus.infrastructure.SharedInfrastructure;
import se.nexus.schemas.Topics;
import se.nexus.support.test.ApiClient;

/** The notification service consuming real Avro events from real Kafka, read over real HTTP. */
@NotificationServiceTest
class NotificationIntegrationTests {

    static final String SENDER = "se.uppsala.socialtjanst";
    static final String RECEIVER = "se.polisen.region-mitt";

    @LocalServerPort
    int port;
    @Autowired
    MeterRegistry meters;
    final ApiClient api = new ApiClient();

    @Test
    void aSubmittedReferralNotifiesTheReceiverOnceEvenWhenRedelivered() throws Exception {
        ReferralSubmitted event = submitted(false);
        send(Topics.REFERRALS, event.getReferralId(), event);
        send(Topics.REFERRALS, event.getReferralId(), event);
        // Under the same key the marker lands on the same partition, so it is handled after both copies.
        ReferralSubmitted marker = submitted(false);
        send(Topics.REFERRALS, event.getReferralId(), marker);

        await().atMost(Duration.ofSeconds(30)).until(() -> about(RECEIVER, marker.getReferralId()).size() == 1);
        List<JsonNode> notifications = about(RECEIVER, event.getReferralId());
        assertThat(notifications).hasSize(1);
        JsonNode notification = notifications.get(0);
        assertThat(notification.get("eventType").asText()).isEqualTo("REFERRAL_SUBMITTED");
        assertThat(notification.get("urgency").asText()).isEqualTo("IMMEDIATE");
        assertThat(notification.get("subjectRef").asText()).isEqualTo(event.getSubject().getRef());
        assertThat(Instant.parse(notification.get("deadline").asText()))
            .isEqualTo(Instant.parse(notification.get("createdAt").asText()).plus(Duration.ofMinutes(15)));
        assertThat(about(SENDER, event.getReferralId())).isEmpty();
    }

    @Test
    void aProtectedSubjectsRefIsNotInTheNotification() throws Exception {
        ReferralSubmitted event = submitted(true);
        send(Topics.REFERRALS, event.getReferralId(), event);
        await().atMost(Duration.ofSeconds(30)).until(() -> about(RECEIVER, event.getReferralId()).size() == 1);
        assertThat(about(RECEIVER, event.getReferralId()).get(0).get("subjectRef").isNull()).isTrue();
    }

    @Test
    void acknowledgingIsForTheOwnAgencyOnlyAndHarmlessTwice() throws Exception {
        ReferralSubmitted event = submitted(false);
        send(Topics.REFERRALS, event.getReferralId(), event);
        await().atMost(Duration.ofSeconds(30)).until(() -> about(RECEIVER, event.getReferralId()).size() == 1);
        String id = about(RECEIVER, event.getReferralId()).get(0).get("id").asText();
        String url = "http://localhost:" + port + "/api/v1/notifications/" + id + "/acknowledge";

        assertThat(api.post(url, token(SENDER, "COORDINATOR"), Map.of()).status()).isEqualTo(404);
        assertThat(api.post(url, token(RECEIVER, "CASEWORKER"), Map.of()).status()).isEqualTo(403);
        var first = api.post(url, token(RECEIVER, "COORDINATOR"), Map.of());
        var second = api.post(url, token(RECEIVER, "COORDINATOR"), Map.of());
        assertThat(first.status()).isEqualTo(200);
        assertThat(second.status()).isEqualTo(200);
        assertThat(second.body().get("acknowledgedAt")).isEqualTo(first.body().get("acknowledgedAt"));
        assertThat(api.get("http://localhost:" + port + "/api/v1/notifications?unacknowledged=true&size=100",
            token(RECEIVER, "COORDINATOR")).body().toString()).doesNotContain(id);
    }

    @Test
    void anUnreadableMessageGoesToTheDeadLetterTopicAndOtherReferralsFlow() throws Exception {
        String key = UUID.randomUUID().toString();
        double deadLettered = deadLettered();
        try (var producer = new KafkaProducer<>(SharedInfrastructure.get().kafka(KafkaAccess.OPERATOR).properties(), new StringSerializer(), new ByteArraySerializer())) {
            producer.send(new ProducerRecord<>(Topics.REFERRALS, key, new byte[] { 0, 0, 0, 0x7f, 1, 2 })).get();
        }
        // The same referral's next events wait behind it (DeadLetterIntegrationTests); another referral's do not.
        ReferralSubmitted next = submitted(false);
        send(Topics.REFERRALS, next.getReferralId(), next);
        await().atMost(Duration.ofSeconds(30)).until(() -> about(RECEIVER, next.getReferralId()).size() == 1);
        await().atMost(Duration.ofSeconds(30)).until(() -> deadLetters(Topics.deadLetterTopicOf(Topics.REFERRALS), key).size() == 1);
        ConsumerRecord<String, byte[]> dead = deadLetters(Topics.deadLetterTopicOf(Topics.REFERRALS), key).get(0);
        assertThat(dead.headers().lastHeader("kafka_dlt-exception-message")).isNotNull();
        await("operators see it in the dead-letter meter").atMost(Duration.ofSeconds(10))
            .until(() -> deadLettered() >= deadLettered + 1);
    }

    private double deadLettered() {
        Counter counter = meters.find("nexus.kafka.dead.letters").tag("topic", Topics.REFERRALS).counter();
        return counter == null ? 0 : counter.count();
    }

    @Test
    void onlyCoordinatorsReachTheInbox() {
        String url = "http://localhost:" + port + "/api/v1/notifications";
        assertThat(api.get(url, null).status()).isEqualTo(401);
        assertThat(api.get(url, token(RECEIVER, "CASEWORKER")).status()).isEqualTo(403);
        assertThat(api.get(url, token(RECEIVER, "COORDINATOR")).status()).isEqualTo(200);
    }

    private List<JsonNode> about(String agency, String referralId) {
        var response = api.get("http://localhost:" + port + "/api/v1/notifications?size=100", token(agency, "COORDINATOR"));
        assertThat(response.status()).isEqualTo(200);
        List<JsonNode> found = new ArrayList<>();
        response.body().get("items").forEach(item -> {
            if (referralId.equals(item.path("referralId").asText())) {
                found.add(item);
            }
        });
        return found;
    }

    static String token(String agency, String role) {
        return SharedInfrastructure.get().tokenIssuer().issue("u-1", agency, Set.of(role));
    }

    static ReferralSubmitted submitted(boolean protectedIdentity) {
        return CaseEventsTestData.submitted(RECEIVER, protectedIdentity);
    }

    static void send(String topic, String key, Object value) {
        CaseEventsTestData.send(topic, key, value);
    }

    static List<ConsumerRecord<String, byte[]>> deadLetters(String topic, String key) {
        Properties config = new Properties();
        config.putAll(SharedInfrastructure.get().kafka(KafkaAccess.OPERATOR).properties());
        config.put(ConsumerConfig.GROUP_ID_CONFIG, KafkaAccess.operatorGroup("test"));
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        List<ConsumerRecord<String, byte[]>> found = new ArrayList<>();
        try (var consumer = new KafkaConsumer<>(config, new StringDeserializer(), new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(topic));
            long until = System.currentTimeMillis() + 3000;
            while (System.currentTimeMillis() < until) {
                consumer.poll(Duration.ofMillis(300)).forEach(record -> {
                    if (key.equals(record.key())) {
                        found.add(record);
                    }
                });
            }
        }
        return found;
    }
}
