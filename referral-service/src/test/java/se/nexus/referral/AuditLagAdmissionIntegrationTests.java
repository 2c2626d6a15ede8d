package se.nexus.referral;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static se.nexus.referral.Cases.SENDER;
import static se.nexus.referral.Cases.expect;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;

import se.nexus.infrastructure.KafkaAccess;
import se.nexus.infrastructure.SharedInfrastructure;
import se.nexus.schemas.Topics;
import se.nexus.support.test.ApiClient;
import se.nexus.support.test.NexusIntegrationTest;
import se.nexus.support.web.Problems;

/**
 * Fail closed when the audit log falls behind, on the real servers: a consumer stands in for the audit service, with
 * its certificate and in its group (the group the admission watches, whose offsets the referral service may describe
 * and nothing more); while it is paused longer than {@code nexus.admission.audit.max-lag}, a change is refused with
 * 503 and changes nothing, reads go on, and once it has caught up the same request is accepted.
 */
@NexusIntegrationTest
@TestPropertySource(properties = { "nexus.admission.audit.group=" + AuditLagAdmissionIntegrationTests.GROUP,
    "nexus.admission.audit.max-lag=3s", "nexus.admission.lag-refresh=200ms" })
class AuditLagAdmissionIntegrationTests {

    static final String GROUP = KafkaAccess.AUDIT_GROUP;

    @LocalServerPort
    int port;
    @Autowired
    JdbcClient jdbc;
    final ApiClient api = new ApiClient();
    final ExecutorService auditService = Executors.newSingleThreadExecutor();
    final AtomicBoolean paused = new AtomicBoolean();
    /** The stand-in has read every event there was at its last look (the earlier tests' too). */
    final AtomicBoolean caughtUp = new AtomicBoolean();

    @AfterEach
    void stop() {
        paused.set(true);
        auditService.shutdownNow();
    }

    @Test
    void whileTheAuditServiceIsPausedChangesAreRefusedAndChangeNothingAndOnceItCaughtUpTheSameRequestIsAccepted()
            throws Exception {
        Cases cases = new Cases(port);
        Future<?> running = auditService.submit(this::recordUntilPaused);
        // Admission answers from its last measure: only once the stand-in has read everything is a 400 (rather than
        // 503) proof that the admission has seen it caught up, not a measure taken before the first.
        await("the stand-in audit service caught up").atMost(Duration.ofSeconds(60))
            .until(() -> caughtUp.get() && submit(Map.of(), null).status() == 400);
        String existing = cases.submitted();

        paused.set(true);
        running.get();
        cases.submitted();
        await("admission sees the audit lag").atMost(Duration.ofSeconds(60))
            .until(() -> submit(Map.of(), null).status() == 503);
        long referrals = jdbc.sql("SELECT count(*) FROM referrals").query(Long.class).single();
        Map<String, Object> referral = Cases.newReferral();
        String key = UUID.randomUUID().toString();

        ApiClient.Response refused = submit(referral, key);
        ApiClient.Response read = api.get(cases.url("/api/v1/referrals/" + existing), Cases.caseworker(SENDER));

        expect(refused, 503);
        assertThat(refused.contentType()).startsWith("application/problem+json");
        assertThat(refused.header("Retry-After")).isEqualTo("10");
        assertThat(refused.body().get("type").asText()).isEqualTo(Problems.TYPE_BASE + "audit-behind");
        assertThat(refused.body().get("detail").asText()).contains("audit log is behind").contains("nothing was changed");
        assertThat(jdbc.sql("SELECT count(*) FROM referrals").query(Long.class).single()).isEqualTo(referrals);
        assertThat(jdbc.sql("SELECT count(*) FROM idempotency_keys WHERE idempotency_key = ?").param(key)
            .query(Long.class).single()).as("no Idempotency-Key stored").isZero();
        expect(read, 200);

        paused.set(false);
        auditService.submit(this::recordUntilPaused);
        await("the same request accepted once the audit service has caught up").atMost(Duration.ofSeconds(60))
            .until(() -> submit(referral, key).status() == 201);
    }

    /** What the audit service does as far as the broker can tell: consume the service's events and commit. */
    private void recordUntilPaused() {
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(
                SharedInfrastructure.get().kafka(KafkaAccess.AUDIT_SERVICE).properties(Map.of(
                    ConsumerConfig.GROUP_ID_CONFIG, GROUP, ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                    ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false)),
                new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(Topics.REFERRALS, Topics.HANDOVERS, Topics.CONSENTS, Topics.ACCESS));
            while (!paused.get()) {
                if (!consumer.poll(Duration.ofMillis(200)).isEmpty()) {
                    consumer.commitSync();
                }
                Set<TopicPartition> assigned = consumer.assignment();
                Map<TopicPartition, Long> ends = consumer.endOffsets(assigned);
                caughtUp.set(!assigned.isEmpty()
                    && assigned.stream().allMatch(partition -> consumer.position(partition) >= ends.get(partition)));
            }
        }
    }

    private ApiClient.Response submit(Map<String, Object> body, String idempotencyKey) {
        return api.post(new Cases(port).url("/api/v1/referrals"), Cases.caseworker(SENDER), body,
            idempotencyKey == null ? Map.of() : Map.of("Idempotency-Key", idempotencyKey));
    }
}
