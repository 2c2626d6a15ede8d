package se.nexus.endtoend;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import se.nexus.infrastructure.KafkaAccess;
import se.nexus.local.LocalPlatform;
import se.nexus.schemas.Topics;
import se.nexus.support.test.ApiClient;

/**
 * A referral through all three services, each a separate process started as the local stack starts them, on real
 * Kafka, a real schema registry and real PostgreSQL: submitted over HTTP, published through the outbox, shown in
 * the receiving coordinator's inbox and appended to the audit chain. Each test is a scenario of its own on a
 * referral it submits, so any one can run alone and in any order.
 */
class SkeletonEndToEndTests {

    static final String SOCIAL_SERVICES = "se.uppsala.socialtjanst";
    static final String RESOURCE_CENTRE = "se.uppsala.nexus";
    static final String POLICE = "se.polisen.region-mitt";
    static final String COUNTY_BOARD = "se.lansstyrelsen.uppsala";
    /** Stands for personal data and free text: it must never reach a log. */
    static final String SECRET_SUMMARY = "Leyla Marker-7731 hotas av sin bror, personnummer 19900101-2384";

    static LocalPlatform platform;
    static final ApiClient api = new ApiClient();

    @BeforeAll
    static void startPlatform() {
        platform = SharedPlatform.get();
    }

    /** A referral of a fresh subject from social services to the resource centre. */
    record Submitted(String id, String subjectRef) {
    }

    static Submitted submit() {
        return submit(token(SOCIAL_SERVICES, "CASEWORKER"));
    }

    static Submitted submit(String senderToken) {
        String subjectRef = "p-e2e-" + UUID.randomUUID().toString().substring(0, 8);
        var response = api.post(referrals(), senderToken, Map.of(
            "toAgency", RESOURCE_CENTRE,
            "subject", Map.of("ref", subjectRef, "protectedIdentity", false),
            "urgency", "URGENT",
            "concerns", List.of("THREATS", "RESTRICTED_FREEDOM"),
            "legalBasis", Map.of("type", "STATUTORY", "provisionCode", "OSL_10_2"),
            "summary", SECRET_SUMMARY));
        assertThat(response.status()).isEqualTo(201);
        assertThat(response.body().get("status").asText()).isEqualTo("SUBMITTED");
        return new Submitted(response.body().get("id").asText(), subjectRef);
    }

    static String token(String agency, String... roles) {
        return platform.token(agency, roles);
    }

    static String referrals() {
        return platform.serviceUrl("referral-service") + "/api/v1/referrals";
    }

    static String notifications() {
        return platform.serviceUrl("notification-service") + "/api/v1/notifications";
    }

    static String audit() {
        return platform.serviceUrl("audit-service") + "/api/v1/audit";
    }

    @Test
    void everyServiceIsReadyAndDescribesItsApiWithoutAToken() {
        for (String service : LocalPlatform.API_SERVICES) {
            assertThat(api.get(platform.serviceUrl(service) + "/actuator/health/readiness", null).status()).as(service).isEqualTo(200);
            var openApi = api.get(platform.serviceUrl(service) + "/v3/api-docs", null);
            assertThat(openApi.status()).as(service).isEqualTo(200);
            assertThat(openApi.body().get("paths").size()).as(service + " paths").isPositive();
        }
    }

    @Test
    void onlySenderAndReceiverSeeTheReferral() {
        Submitted referral = submit();
        var asReceiver = api.get(referrals() + "/" + referral.id(), token(RESOURCE_CENTRE, "CASEWORKER"));
        assertThat(asReceiver.status()).isEqualTo(200);
        assertThat(asReceiver.body().get("summary").asText()).isEqualTo(SECRET_SUMMARY);

        var asUninvolved = api.get(referrals() + "/" + referral.id(), token(POLICE, "CASEWORKER"));
        assertThat(asUninvolved.status()).isEqualTo(404);
        assertThat(asUninvolved.contentType()).startsWith("application/problem+json");
        assertThat(asUninvolved.body().toString()).doesNotContain(referral.subjectRef());
    }

    @Test
    void noTokenIs401AndAWrongRoleIs403() {
        Submitted referral = submit();
        var anonymous = api.get(referrals() + "/" + referral.id(), null);
        assertThat(anonymous.status()).isEqualTo(401);
        assertThat(anonymous.contentType()).startsWith("application/problem+json");

        var coordinator = api.get(referrals() + "/" + referral.id(), token(RESOURCE_CENTRE, "COORDINATOR"));
        assertThat(coordinator.status()).isEqualTo(403);
        assertThat(coordinator.contentType()).startsWith("application/problem+json");

        assertThat(api.get(notifications(), token(RESOURCE_CENTRE, "CASEWORKER")).status()).isEqualTo(403);
        assertThat(api.get(audit() + "/verify", token(RESOURCE_CENTRE, "COORDINATOR")).status()).isEqualTo(403);
        assertThat(api.get(audit() + "/verify", null).status()).isEqualTo(401);
    }

    @Test
    void theReceivingCoordinatorIsNotifiedAndNoOtherAgency() {
        Submitted referral = submit();
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() ->
            assertThat(notificationsAbout(RESOURCE_CENTRE, referral)).hasSize(1));
        JsonNode notification = notificationsAbout(RESOURCE_CENTRE, referral).get(0);
        assertThat(notification.get("eventType").asText()).isEqualTo("REFERRAL_SUBMITTED");
        assertThat(notification.get("urgency").asText()).isEqualTo("URGENT");
        assertThat(notification.toString()).doesNotContain(SECRET_SUMMARY);
        assertThat(notificationsAbout(SOCIAL_SERVICES, referral)).isEmpty();
        assertThat(notificationsAbout(POLICE, referral)).isEmpty();
    }

    @Test
    void theAuditorFindsTheEventInAValidChain() {
        Submitted referral = submit();
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() ->
            assertThat(auditedTypes(referral)).contains("ReferralSubmitted"));
        var verify = api.get(audit() + "/verify", token(COUNTY_BOARD, "AUDITOR"));
        assertThat(verify.status()).isEqualTo(200);
        assertThat(verify.body().get("valid").asBoolean()).isTrue();
        assertThat(verify.body().get("length").asLong()).isPositive();
    }

    @Test
    void aRedeliveredEventYieldsOneNotificationAndOneAuditEntry() {
        Submitted referral = submit();
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            assertThat(notificationsAbout(RESOURCE_CENTRE, referral)).hasSize(1);
            assertThat(auditedTypes(referral)).contains("ReferralSubmitted");
        });
        redeliver(Topics.REFERRALS, referral.id());
        // A later event of the same case travels the same partition behind the duplicate: once it has been
        // handled, so has the duplicate.
        var withdrawn = api.post(referrals() + "/" + referral.id() + "/withdraw", token(SOCIAL_SERVICES, "CASEWORKER"), Map.of());
        assertThat(withdrawn.status()).isEqualTo(200);

        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            assertThat(notificationsAbout(RESOURCE_CENTRE, referral)).hasSize(2);
            assertThat(auditedTypes(referral)).contains("ReferralWithdrawn");
        });
        assertThat(notificationsAbout(RESOURCE_CENTRE, referral)).extracting(n -> n.get("eventType").asText())
            .containsExactlyInAnyOrder("REFERRAL_SUBMITTED", "REFERRAL_WITHDRAWN");
        assertThat(auditedTypes(referral)).containsExactlyInAnyOrder("ReferralSubmitted", "ReferralWithdrawn");
        assertThat(api.get(audit() + "/verify", token(COUNTY_BOARD, "AUDITOR")).body().get("valid").asBoolean()).isTrue();
    }

    @Test
    void noLogLineHoldsPersonalDataFreeTextOrATokenAndNoServiceDied() throws IOException {
        String sender = token(SOCIAL_SERVICES, "CASEWORKER");
        String receiver = token(RESOURCE_CENTRE, "CASEWORKER");
        Submitted referral = submit(sender);
        assertThat(api.get(referrals() + "/" + referral.id(), receiver).status()).isEqualTo(200);
        assertThat(api.post(referrals() + "/" + referral.id() + "/withdraw", sender, Map.of()).status()).isEqualTo(200);
        // Once the last event is in the audit chain, every service has handled the case.
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() ->
            assertThat(auditedTypes(referral)).contains("ReferralWithdrawn"));

        assertThat(platform.exitedServices()).isEmpty();
        for (String service : LocalPlatform.SERVICES) {
            String log = Files.readString(platform.logFile(service));
            assertThat(log).as(service + " log").isNotBlank()
                .doesNotContain(referral.subjectRef()).doesNotContain("Marker-7731").doesNotContain("19900101-2384")
                .doesNotContain(sender).doesNotContain(receiver);
        }
    }

    private static List<JsonNode> notificationsAbout(String agency, Submitted referral) {
        var response = api.get(notifications() + "?size=100", token(agency, "COORDINATOR"));
        assertThat(response.status()).isEqualTo(200);
        List<JsonNode> about = new ArrayList<>();
        response.body().get("items").forEach(item -> {
            if (referral.id().equals(item.path("referralId").asText())) {
                about.add(item);
            }
        });
        return about;
    }

    private static List<String> auditedTypes(Submitted referral) {
        var response = api.get(audit() + "/entries?size=100&referralId=" + referral.id(), token(COUNTY_BOARD, "AUDITOR"));
        assertThat(response.status()).isEqualTo(200);
        List<String> types = new ArrayList<>();
        response.body().get("items").forEach(item -> {
            String type = item.get("eventType").asText();
            types.add(type.substring(type.lastIndexOf('.') + 1));
        });
        return types.stream().filter(type -> type.startsWith("Referral")).toList();
    }

    /** Publishes again, byte for byte, the first record the topic holds under the key: a redelivery. */
    private static void redeliver(String topic, String key) {
        Properties consumerConfig = new Properties();
        consumerConfig.putAll(platform.kafka(KafkaAccess.OPERATOR).properties());
        try (var consumer = new KafkaConsumer<>(consumerConfig, new StringDeserializer(), new ByteArrayDeserializer());
                var producer = new KafkaProducer<>(platform.kafka(KafkaAccess.OPERATOR).properties(),
                    new StringSerializer(), new ByteArraySerializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                .map(info -> new TopicPartition(topic, info.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            ConsumerRecord<String, byte[]> original = null;
            long deadline = System.currentTimeMillis() + 30_000;
            while (original == null && System.currentTimeMillis() < deadline) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(500))) {
                    if (key.equals(record.key())) {
                        original = record;
                        break;
                    }
                }
            }
            assertThat(original).as("the original record on " + topic).isNotNull();
            // With its headers: the producer's signature is part of the record.
            producer.send(new ProducerRecord<>(topic, original.partition(), key, original.value(), original.headers()))
                .get();
        } catch (Exception e) {
            throw new IllegalStateException("Could not redeliver", e);
        }
    }
}
