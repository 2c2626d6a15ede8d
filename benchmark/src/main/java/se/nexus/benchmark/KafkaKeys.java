package se.nexus.benchmark;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

import se.nexus.infrastructure.KafkaAccess;

/**
 * Reads a topic from its end as it stands when started (every partition assigned, no consumer group) and notes,
 * per record key, when it was first consumed (System.nanoTime) and how often it came again. The value is never
 * decoded: Nexus writes Avro, the peer JSON, and the key (the referral id) is all a match needs.
 */
final class KafkaKeys implements AutoCloseable {

    private final KafkaConsumer<String, byte[]> consumer;
    private final Map<String, Long> firstSeen = new ConcurrentHashMap<>(1 << 16);
    private final Map<String, Integer> seenAgain = new ConcurrentHashMap<>();
    private final Thread poller;
    private volatile boolean stopping;

    /** Reads the topic through a client with these settings (bootstrap servers and security). */
    KafkaKeys(Map<String, Object> connection, String topic) {
        Properties config = new Properties();
        config.putAll(connection);
        config.put(ConsumerConfig.GROUP_ID_CONFIG, KafkaAccess.operatorGroup("benchmark"));
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        config.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "2000");
        consumer = new KafkaConsumer<>(config, new StringDeserializer(), new ByteArrayDeserializer());
        List<TopicPartition> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(30)).stream()
            .map(partition -> new TopicPartition(topic, partition.partition())).toList();
        consumer.assign(partitions);
        consumer.seekToEnd(partitions);
        // Resolve the end now: records written once the load starts must not be skipped by a lazy seek.
        partitions.forEach(partition -> consumer.position(partition, Duration.ofSeconds(30)));
        poller = new Thread(this::poll, "bench-kafka-keys");
        poller.setDaemon(true);
        poller.start();
    }

    private void poll() {
        try {
            while (!stopping) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(100))) {
                    note(record.key(), System.nanoTime());
                }
            }
        } catch (WakeupException stopped) {
            // close() asked the poll to return
        } finally {
            consumer.close(Duration.ofSeconds(5));
        }
    }

    private void note(String key, long nanos) {
        if (key != null && firstSeen.putIfAbsent(key, nanos) != null) {
            seenAgain.merge(key, 1, Integer::sum);
        }
    }

    /** When the key was first consumed (System.nanoTime), or null. */
    Long firstSeen(String key) {
        return firstSeen.get(key);
    }

    /** How many more times than once the key was consumed. */
    int duplicates(String key) {
        return seenAgain.getOrDefault(key, 0);
    }

    @Override
    public void close() throws InterruptedException {
        stopping = true;
        consumer.wakeup();
        poller.join(10_000);
    }
}
