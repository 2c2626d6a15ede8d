package se.nexus.endtoend;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import se.nexus.infrastructure.DemoClients;
import se.nexus.infrastructure.KafkaAccess;
import se.nexus.local.LocalPlatform;
import se.nexus.schemas.Topics;

/**
 * The local stack's broker, as the services use it: a plaintext client gets nothing, an agency's system with a
 * certificate of the local authority connects but may read no Nexus topic, and the police's system reads its own
 * topic in its own group, which the resource centre's may not.
 */
class KafkaAccessEndToEndTests {

    static LocalPlatform platform;

    @BeforeAll
    static void startPlatform() {
        platform = SharedPlatform.get();
    }

    @Test
    void aPlaintextClientCannotReachTheLocalStacksBroker() {
        try (Admin admin = Admin.create(Map.of(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG,
                platform.kafkaBootstrapServers(), CommonClientConfigs.DEFAULT_API_TIMEOUT_MS_CONFIG, 3000,
                CommonClientConfigs.REQUEST_TIMEOUT_MS_CONFIG, 3000))) {
            assertThatThrownBy(() -> admin.listTopics().names().get(10, TimeUnit.SECONDS))
                .hasRootCauseInstanceOf(TimeoutException.class);
        }
    }

    @Test
    void anAgencysSystemReadsNoNexusTopicWhileTheOperatorsToolsSeeThemAll() throws Exception {
        String agency = DemoClients.agencies().get(0);
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(platform.kafka(agency).properties(Map.of(
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false)), new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            consumer.assign(List.of(new TopicPartition(Topics.REFERRALS, 0)));
            assertThatThrownBy(() -> {
                long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
                while (System.nanoTime() < deadline) {
                    consumer.poll(Duration.ofMillis(200));
                }
            }).isInstanceOf(TopicAuthorizationException.class);
        }
        try (Admin admin = Admin.create(platform.kafka(KafkaAccess.OPERATOR).properties())) {
            assertThat(admin.listTopics().names().get(30, TimeUnit.SECONDS)).containsAll(Topics.all());
        }
    }

    @Test
    void thePolicesSystemReadsItsOwnTopicInItsOwnGroupAndTheResourceCentresMayNot() {
        String police = "se.polisen.region-mitt";
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(platform.kafka(police).properties(Map.of(
                ConsumerConfig.GROUP_ID_CONFIG, KafkaAccess.agencyGroupPrefixOf(police) + "end-to-end")),
                new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(Topics.agencyTopicOf(police)));
            await("the police's system is given its topic's partitions").atMost(Duration.ofSeconds(60))
                .pollInSameThread().until(() -> {
                    consumer.poll(Duration.ofMillis(200));
                    return consumer.assignment().size() == KafkaAccess.PARTITIONS;
                });
        }
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(platform.kafka("se.uppsala.nexus").properties(),
                new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            consumer.assign(List.of(new TopicPartition(Topics.agencyTopicOf(police), 0)));
            assertThatThrownBy(() -> {
                long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
                while (System.nanoTime() < deadline) {
                    consumer.poll(Duration.ofMillis(200));
                }
            }).isInstanceOf(TopicAuthorizationException.class);
        }
    }
}
