package se.nexus.endtoend;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import se.nexus.infrastructure.Database;
import se.nexus.infrastructure.KafkaAccess;
import se.nexus.local.LocalPlatform;
import se.nexus.schemas.Topics;
import se.nexus.support.test.ApiClient;

/**
 * The short version of the fault suite (benchmark's {@code -Pfaults}): a crash and a graceful stop under a little
 * load lose and duplicate nothing a client was told was accepted, and a poison message is dead-lettered with its
 * reason while its partition keeps flowing. Each test leaves the shared platform running and ready.
 */
class FaultsEndToEndTests {

    static final String SOCIAL_SERVICES = "se.uppsala.socialtjanst";
    static final String REFERRAL = "referral-service";
    static final String NOTIFICATION = "notification-service";
    /** The consumer groups of nexus.referrals: the audit service's and the notification service's listener ids. */
    static final String AUDIT_GROUP = KafkaAccess.AUDIT_GROUP;
    static final String NOTIFICATION_GROUP = KafkaAccess.NOTIFICATION_GROUP;
    static final ApiClient api = new ApiClient();
    static LocalPlatform platform;

    @BeforeAll
    static void startPlatform() {
        platform = SharedPlatform.get();
    }

    @Test
    void aNotificationServiceKilledMidLoadNotifiesEveryAcceptedReferralExactlyOnce() throws Exception {
        Load load = new Load("p-kill-");
        load.start();
        await().atMost(Duration.ofMinutes(1)).until(() -> load.accepted.size() >= 3);
        platform.kill(NOTIFICATION);
        platform.restart(NOTIFICATION);
        int before = load.accepted.size();
        await().atMost(Duration.ofMinutes(1)).until(() -> load.accepted.size() >= before + 3);
        load.stop();

        await().atMost(Duration.ofMinutes(2)).untilAsserted(() -> {
            for (String referral : load.accepted) {
                assertThat(count("notification", "SELECT count(*) FROM notifications WHERE referral_id::text = ? "
                    + "AND trigger_event_type = 'REFERRAL_SUBMITTED' AND escalation_of IS NULL", referral))
                    .as("notifications of submitted referral").isEqualTo(1);
                assertThat(count("audit", "SELECT count(*) FROM audit_entries WHERE referral_id = ? AND event_type = "
                    + "'se.nexus.events.referral.ReferralSubmitted'", referral)).as("audit entries").isEqualTo(1);
            }
        });
        assertThat(load.outcomes()).as("what clients saw").containsOnlyKeys("201");
    }

    @Test
    void aReferralServiceStoppedBySigtermMidLoadKeepsEveryReferralItAccepted() throws Exception {
        Load load = new Load("p-sigterm-");
        load.start();
        await().atMost(Duration.ofMinutes(1)).until(() -> load.accepted.size() >= 3);
        assertThat(platform.terminate(REFERRAL, Duration.ofSeconds(30))).as("stopped within the grace period").isTrue();
        platform.restart(REFERRAL);
        int before = load.accepted.size();
        await().atMost(Duration.ofMinutes(1)).until(() -> load.accepted.size() >= before + 3);
        load.stop();

        String token = platform.token(SOCIAL_SERVICES, "CASEWORKER");
        for (String referral : load.accepted) {
            assertThat(api.get(platform.serviceUrl(REFERRAL) + "/api/v1/referrals/" + referral, token).status())
                .as("referral the service answered 201 for").isEqualTo(200);
        }
        // While the service is down new connections are refused; a 5xx would have to say when to come back.
        System.out.println("Clients saw while referral-service stopped and restarted: " + load.outcomes());
        assertThat(load.outcomes().keySet()).allMatch(outcome -> outcome.equals("201")
            || outcome.startsWith("503 with Retry-After") || !Character.isDigit(outcome.charAt(0)));
    }

    @Test
    void aPoisonMessageGoesToTheDeadLetterTopicWithItsReasonAndThePartitionKeepsFlowing() throws Exception {
        RecordMetadata poison;
        // The operator's tool principal injects the poison: no service may write another's topic.
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(platform.kafka(KafkaAccess.OPERATOR)
                .properties(Map.of(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                    ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class)))) {
            byte[] garbage = new byte[48];
            ThreadLocalRandom.current().nextBytes(garbage);
            poison = producer.send(new ProducerRecord<>(Topics.REFERRALS, UUID.randomUUID().toString(), garbage)).get();
        }
        Referrals.submitted(platform, SOCIAL_SERVICES, "p-after-poison-" + shortId(), "ROUTINE");

        Map<String, String> reasons = deadLettered(poison);
        assertThat(reasons).containsOnlyKeys(AUDIT_GROUP, NOTIFICATION_GROUP);
        assertThat(reasons.values()).allSatisfy(reason -> assertThat(reason).isNotBlank());
        TopicPartition partition = new TopicPartition(poison.topic(), poison.partition());
        await().atMost(Duration.ofMinutes(1)).untilAsserted(() -> {
            for (String group : List.of(AUDIT_GROUP, NOTIFICATION_GROUP)) {
                assertThat(committed(group, partition)).as(group + " past the poison message")
                    .isGreaterThan(poison.offset());
            }
        });
    }

    /** The consumer groups that dead-lettered the record, with the exception class each gave as the reason. */
    private static Map<String, String> deadLettered(RecordMetadata poison) {
        return DeadLetterTopics.reasonsByGroup(platform, poison, "kafka_dlt-exception-fqcn", 2);
    }

    private static long committed(String group, TopicPartition partition) throws Exception {
        try (Admin admin = Admin.create(platform.kafka(KafkaAccess.OPERATOR).properties())) {
            OffsetAndMetadata offset = admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get()
                .get(partition);
            return offset == null ? -1 : offset.offset();
        }
    }

    private static long count(String database, String sql, String referral) throws SQLException {
        Database db = platform.database(database);
        try (Connection connection = DriverManager.getConnection(db.jdbcUrl(), db.username(), db.password());
                PreparedStatement query = connection.prepareStatement(sql)) {
            query.setString(1, referral);
            try (ResultSet rows = query.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        }
    }

    private static String shortId() {
        return UUID.randomUUID().toString().substring(0, 8);
    }

    /** A few referral submits a second from one thread, recording what each client was told. */
    private static final class Load {

        final Set<String> accepted = ConcurrentHashMap.newKeySet();
        private final Map<String, Integer> outcomes = new ConcurrentHashMap<>();
        private final AtomicBoolean running = new AtomicBoolean(true);
        private final String subjectPrefix;
        private Thread thread;

        Load(String subjectPrefix) {
            this.subjectPrefix = subjectPrefix;
        }

        void start() {
            String token = platform.token(SOCIAL_SERVICES, "CASEWORKER");
            thread = new Thread(() -> {
                while (running.get()) {
                    submit(token);
                    sleep(Duration.ofMillis(300));
                }
            }, "fault-load");
            thread.setDaemon(true);
            thread.start();
        }

        private void submit(String token) {
            String outcome;
            try {
                var answer = api.post(platform.serviceUrl(REFERRAL) + "/api/v1/referrals", token, Map.of(
                    "toAgency", Referrals.RESOURCE_CENTRE, "subject", Map.of("ref", subjectPrefix + shortId(),
                        "protectedIdentity", false), "urgency", "ROUTINE", "concerns", List.of("THREATS"),
                    "legalBasis", Map.of("type", "STATUTORY", "provisionCode", "OSL_10_2")));
                outcome = answer.status() == 503 && answer.header("Retry-After") != null ? "503 with Retry-After"
                    : String.valueOf(answer.status());
                if (answer.status() == 201) {
                    accepted.add(answer.body().get("id").asText());
                }
            } catch (IllegalStateException e) {
                // The service is down: no answer at all (connection refused or reset), named by the cause's class.
                outcome = e.getCause() == null ? e.getClass().getSimpleName() : e.getCause().getClass().getSimpleName();
            }
            outcomes.merge(outcome, 1, Integer::sum);
        }

        Map<String, Integer> outcomes() {
            return new TreeMap<>(outcomes);
        }

        void stop() throws InterruptedException {
            running.set(false);
            thread.join(Duration.ofSeconds(40).toMillis());
        }

        private static void sleep(Duration duration) {
            try {
                Thread.sleep(duration.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
