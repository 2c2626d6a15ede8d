package se.nexus.endtoend;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Collectors;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import se.nexus.infrastructure.KafkaAccess;
import se.nexus.local.LocalPlatform;
import se.nexus.schemas.Topics;
import se.nexus.support.test.ApiClient;

/**
 * One trace follows a referral across the services: the trace of the agency system's submit (its W3C
 * {@code traceparent}) is on the referral's event in Kafka, kept through the referral service's outbox, and on the
 * coordinator notification the notification service wrote while consuming it, kept through its own outbox.
 */
class TraceEndToEndTests {

    static final ApiClient api = new ApiClient();
    static LocalPlatform platform;

    @BeforeAll
    static void startPlatform() {
        platform = SharedPlatform.get();
    }

    @Test
    void theSubmitsTraceIsOnTheReferralsEventAndOnTheNotificationItCaused() {
        String traceId = HexFormat.of().formatHex(randomBytes(16));
        String traceparent = "00-" + traceId + "-" + HexFormat.of().formatHex(randomBytes(8)) + "-01";
        var submitted = api.post(platform.serviceUrl("referral-service") + "/api/v1/referrals",
            platform.token("se.uppsala.socialtjanst", "CASEWORKER"), Map.of("toAgency", Referrals.RESOURCE_CENTRE,
                "subject", Map.of("ref", "p-trace-" + UUID.randomUUID().toString().substring(0, 8),
                    "protectedIdentity", false), "urgency", "IMMEDIATE", "concerns", List.of("THREATS"),
                "legalBasis", Map.of("type", "STATUTORY", "provisionCode", "OSL_10_2")),
            Map.of("traceparent", traceparent));
        assertThat(submitted.status()).isEqualTo(201);
        String referral = submitted.body().get("id").asText();

        try (KafkaConsumer<String, byte[]> consumer = consumer()) {
            consumer.subscribe(List.of(Topics.REFERRALS, Topics.NOTIFICATIONS));
            boolean[] seen = new boolean[2];
            await("the trace on the referral's event and on the notification").atMost(Duration.ofSeconds(90))
                .until(() -> {
                    for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(500))) {
                        if (!traceOf(record).contains(traceId)) {
                            continue;
                        }
                        if (record.topic().equals(Topics.REFERRALS)) {
                            assertThat(record.key()).isEqualTo(referral);
                            seen[0] = true;
                        } else {
                            seen[1] = true;
                        }
                    }
                    return seen[0] && seen[1];
                });
        }
    }

    /**
     * The spans the services export, as a trace store shows them: the submit's request in the referral service, the
     * notification service's handling of its event, and its entry in the audit chain, all in the agency system's trace;
     * none carries the person's reference.
     */
    @Test
    void oneTraceCoversTheSubmitTheNotificationAndTheAuditEntry() {
        String traceId = HexFormat.of().formatHex(randomBytes(16));
        String subjectRef = "p-span-" + UUID.randomUUID().toString().substring(0, 8);
        var submitted = api.post(platform.serviceUrl("referral-service") + "/api/v1/referrals",
            platform.token("se.uppsala.socialtjanst", "CASEWORKER"), Map.of("toAgency", Referrals.RESOURCE_CENTRE,
                "subject", Map.of("ref", subjectRef, "protectedIdentity", false), "urgency", "IMMEDIATE",
                "concerns", List.of("THREATS"), "legalBasis", Map.of("type", "STATUTORY", "provisionCode", "OSL_10_2")),
            Map.of("traceparent", "00-" + traceId + "-" + HexFormat.of().formatHex(randomBytes(8)) + "-01"));
        assertThat(submitted.status()).isEqualTo(201);

        SpanCollector collector = SharedPlatform.spans();
        await("spans of the three services in the submit's trace").atMost(Duration.ofSeconds(90))
            .pollInterval(Duration.ofSeconds(1))
            .until(() -> collector.spansOf(traceId).stream().map(SpanCollector.CollectedSpan::service)
                .collect(Collectors.toSet()).containsAll(LocalPlatform.API_SERVICES)
                && collector.spansOf(traceId).stream().anyMatch(span -> span.name().equals("audit append " + Topics.REFERRALS)));
        List<SpanCollector.CollectedSpan> spans = collector.spansOf(traceId);
        // The trace as a trace store lists it, for whoever reads the test's output.
        spans.forEach(span -> System.out.println("trace " + traceId + ": " + span.service() + " / " + span.name()));
        assertThat(spans).anyMatch(span -> span.service().equals("referral-service")
            && span.name().startsWith("http post"));
        assertThat(spans).anyMatch(span -> span.service().equals("notification-service")
            && span.name().contains(Topics.REFERRALS));
        assertThat(spans).anyMatch(span -> span.service().equals("audit-service")
            && span.name().equals("audit append " + Topics.REFERRALS));
        assertThat(spans).noneMatch(span -> span.content().contains(subjectRef));
    }

    private static String traceOf(ConsumerRecord<String, byte[]> record) {
        Header header = record.headers().lastHeader("traceparent");
        return header == null ? "" : new String(header.value(), StandardCharsets.US_ASCII);
    }

    private static KafkaConsumer<String, byte[]> consumer() {
        return new KafkaConsumer<>(platform.kafka(KafkaAccess.OPERATOR).properties(Map.of(
            ConsumerConfig.GROUP_ID_CONFIG, KafkaAccess.operatorGroup("trace-test"),
            ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest")), new StringDeserializer(), new ByteArrayDeserializer());
    }

    private static byte[] randomBytes(int length) {
        byte[] bytes = new byte[length];
        ThreadLocalRandom.current().nextBytes(bytes);
        return bytes;
    }
}
