package se.nexus.endtoend;

import static org.awaitility.Awaitility.await;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

import se.nexus.infrastructure.KafkaAccess;
import se.nexus.local.LocalPlatform;
import se.nexus.schemas.Topics;

/** What the dead-letter topic of a record's topic says about it, read as the operator's tools read it. */
final class DeadLetterTopics {

    private DeadLetterTopics() {
    }

    /**
     * The consumer groups that dead-lettered the record, each with the value of {@code reasonHeader} on its dead
     * letter; waits until {@code groups} of them have.
     */
    static Map<String, String> reasonsByGroup(LocalPlatform platform, RecordMetadata poison, String reasonHeader,
            int groups) {
        Map<String, String> reasons = new TreeMap<>();
        try (KafkaConsumer<byte[], byte[]> dlt = new KafkaConsumer<>(platform.kafka(KafkaAccess.OPERATOR).properties(
                Map.of(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class,
                    ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class)))) {
            List<TopicPartition> partitions = new ArrayList<>();
            dlt.partitionsFor(Topics.deadLetterTopicOf(poison.topic()))
                .forEach(p -> partitions.add(new TopicPartition(p.topic(), p.partition())));
            dlt.assign(partitions);
            dlt.seekToBeginning(partitions);
            await().atMost(Duration.ofMinutes(1)).until(() -> {
                for (ConsumerRecord<byte[], byte[]> record : dlt.poll(Duration.ofMillis(500))) {
                    if (number(record, "kafka_dlt-original-partition").getInt() == poison.partition()
                            && number(record, "kafka_dlt-original-offset").getLong() == poison.offset()) {
                        reasons.put(text(record, "kafka_dlt-original-consumer-group"), text(record, reasonHeader));
                    }
                }
                return reasons.size() == groups;
            });
        }
        return reasons;
    }

    private static ByteBuffer number(ConsumerRecord<?, ?> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? ByteBuffer.allocate(8).putLong(-1).flip() : ByteBuffer.wrap(header.value());
    }

    private static String text(ConsumerRecord<?, ?> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? "" : new String(header.value(), StandardCharsets.UTF_8);
    }
}
