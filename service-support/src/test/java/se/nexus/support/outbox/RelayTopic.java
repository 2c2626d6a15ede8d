package se.nexus.support.outbox;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

import se.nexus.events.EventMetadata;
import se.nexus.events.referral.LegalHoldLifted;
import se.nexus.infrastructure.KafkaAccess;
import se.nexus.infrastructure.SharedInfrastructure;
import se.nexus.schemas.registry.KafkaAvroDeserializer;

/** A topic of one test's own, and what it holds, read as a consumer would through the registry. */
record RelayTopic(String name) {

    /** Three partitions: events of different keys share them, as on the real topics. */
    static RelayTopic create() {
        var topic = new RelayTopic("nexus.relay-tests." + UUID.randomUUID());
        try (Admin admin = Admin.create(SharedInfrastructure.get().kafka(KafkaAccess.OPERATOR).properties())) {
            admin.createTopics(List.of(new NewTopic(topic.name(), 3, (short) 1))).all().get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("Topic not created", e);
        }
        return topic;
    }

    /** A small event about the case {@code key}. */
    static LegalHoldLifted event(UUID eventId, String key) {
        return LegalHoldLifted.newBuilder()
            .setMetadata(EventMetadata.newBuilder().setEventId(eventId.toString()).setOccurredAt(Instant.now())
                .setProducer("outbox-relay-tests").setActingAgency("agency").setActingUserRef("user")
                .setCorrelationId(eventId.toString()).build())
            .setReferralId(key)
            .build();
    }

    /** Every event id the topic holds under each key, in the order of the key's partition, repeats included. */
    Map<String, List<String>> eventIdsByKey() {
        Map<String, List<String>> byKey = new LinkedHashMap<>();
        try (KafkaConsumer<String, Object> consumer = consumer()) {
            List<TopicPartition> partitions = consumer.partitionsFor(name).stream()
                .map(partition -> new TopicPartition(name, partition.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
            await("the topic read to its end").atMost(Duration.ofSeconds(30)).pollInSameThread().until(() -> {
                for (ConsumerRecord<String, Object> record : consumer.poll(Duration.ofMillis(200))) {
                    String eventId = ((LegalHoldLifted) record.value()).getMetadata().getEventId();
                    byKey.computeIfAbsent(record.key(), key -> new ArrayList<>()).add(eventId);
                }
                return partitions.stream().allMatch(partition -> consumer.position(partition) >= ends.get(partition));
            });
        }
        return byKey;
    }

    /** Each key's event ids once, in the order of their first delivery: what an idempotent consumer processes. */
    Map<String, List<String>> firstEventIdsByKey() {
        Map<String, List<String>> firsts = new LinkedHashMap<>();
        eventIdsByKey().forEach((key, ids) -> firsts.put(key, ids.stream().distinct().toList()));
        return firsts;
    }

    private static KafkaConsumer<String, Object> consumer() {
        Map<String, Object> config = SharedInfrastructure.get().kafka(KafkaAccess.OPERATOR).properties(Map.of(
            ConsumerConfig.GROUP_ID_CONFIG, KafkaAccess.operatorGroup("outbox-relay-tests"),
            ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
            "schema.registry.url", SharedInfrastructure.get().schemaRegistryUrl(),
            "specific.avro.reader", true));
        return new KafkaConsumer<>(config, new StringDeserializer(), valueDeserializer(config));
    }

    private static Deserializer<Object> valueDeserializer(Map<String, Object> config) {
        var deserializer = new KafkaAvroDeserializer();
        deserializer.configure(config, false);
        return deserializer;
    }
}
