package se.nexus.benchmark;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;

import se.nexus.infrastructure.Database;
import se.nexus.infrastructure.KafkaConnection;

/**
 * What this machine's own Kafka broker and PostgreSQL server do at most, measured against the very servers the
 * platform runs on: 1 KB records with acks=all to a fresh topic, and single-row INSERTs each committed on its own.
 */
final class Ceilings {

    private static final int RECORD_BYTES = 1024;

    private Ceilings() {
    }

    /** Raw produce rate. */
    record KafkaCeiling(String topic, int partitions, long records, double seconds, double recordsPerSecond,
            double megabytesPerSecond, Map<String, String> producer) {
    }

    /** Raw commit rate with this many connections, each inserting one row per transaction. */
    record PostgresCeiling(int connections, long commits, double seconds, double commitsPerSecond) {
    }

    static KafkaCeiling kafka(KafkaConnection kafka, long maxRecords, Duration atMost) throws Exception {
        String topic = "benchmark.ceiling." + System.currentTimeMillis();
        int partitions = 3;
        try (Admin admin = Admin.create(kafka.properties())) {
            admin.createTopics(List.of(new NewTopic(topic, partitions, (short) 1))).all().get(30, TimeUnit.SECONDS);
        }
        Map<String, String> settings = Map.of(ProducerConfig.ACKS_CONFIG, "all",
            ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true", ProducerConfig.LINGER_MS_CONFIG, "5",
            ProducerConfig.BATCH_SIZE_CONFIG, "65536", ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, "5",
            ProducerConfig.COMPRESSION_TYPE_CONFIG, "none");
        Properties properties = new Properties();
        properties.putAll(settings);
        properties.putAll(kafka.properties());
        byte[] value = new byte[RECORD_BYTES];
        ThreadLocalRandom.current().nextBytes(value);
        AtomicLong acknowledged = new AtomicLong();
        AtomicReference<Exception> failure = new AtomicReference<>();
        long start = System.nanoTime();
        long deadline = start + atMost.toNanos();
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(properties, new ByteArraySerializer(),
                new ByteArraySerializer())) {
            for (long i = 0; i < maxRecords && System.nanoTime() < deadline && failure.get() == null; i++) {
                producer.send(new ProducerRecord<>(topic, Long.toString(i).getBytes(), value), (metadata, error) -> {
                    if (error != null) {
                        failure.compareAndSet(null, error);
                    } else {
                        acknowledged.incrementAndGet();
                    }
                });
            }
            producer.flush();
        }
        if (failure.get() != null) {
            throw failure.get();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        return new KafkaCeiling(topic, partitions, acknowledged.get(), seconds, acknowledged.get() / seconds,
            acknowledged.get() * (double) RECORD_BYTES / seconds / 1e6, settings);
    }

    static PostgresCeiling postgres(Database database, int connections, Duration duration) throws Exception {
        try (Connection setup = Platform.connect(database); Statement ddl = setup.createStatement()) {
            ddl.execute("CREATE TABLE IF NOT EXISTS ceiling (id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY, "
                + "payload TEXT NOT NULL, created_at TIMESTAMPTZ NOT NULL DEFAULT now())");
        }
        long deadline = System.nanoTime() + duration.toNanos();
        long start = System.nanoTime();
        List<CompletableFuture<Long>> workers = new ArrayList<>();
        for (int i = 0; i < connections; i++) {
            workers.add(CompletableFuture.supplyAsync(() -> insertUntil(database, deadline)));
        }
        long commits = workers.stream().mapToLong(CompletableFuture::join).sum();
        double seconds = (System.nanoTime() - start) / 1e9;
        return new PostgresCeiling(connections, commits, seconds, commits / seconds);
    }

    private static long insertUntil(Database database, long deadline) {
        String payload = "x".repeat(200);
        long commits = 0;
        try (Connection connection = Platform.connect(database);
                PreparedStatement insert = connection.prepareStatement("INSERT INTO ceiling (payload) VALUES (?)")) {
            connection.setAutoCommit(true);
            insert.setString(1, payload);
            while (System.nanoTime() < deadline) {
                insert.executeUpdate();
                commits++;
            }
        } catch (SQLException e) {
            throw new IllegalStateException("PostgreSQL ceiling failed", e);
        }
        return commits;
    }

    /** The end offsets of the platform's topics: how many records have been written to each so far. */
    static Map<String, Long> endOffsets(KafkaConnection kafka, List<String> topics) throws Exception {
        try (Admin admin = Admin.create(kafka.properties())) {
            Map<String, Long> offsets = new HashMap<>();
            var existing = admin.listTopics().names().get(30, TimeUnit.SECONDS);
            Map<TopicPartition, OffsetSpec> request = new HashMap<>();
            for (var description : admin.describeTopics(topics.stream().filter(existing::contains).toList())
                    .allTopicNames().get(30, TimeUnit.SECONDS).values()) {
                description.partitions().forEach(p -> request.put(new TopicPartition(description.name(), p.partition()),
                    OffsetSpec.latest()));
            }
            admin.listOffsets(request).all().get(30, TimeUnit.SECONDS)
                .forEach((partition, info) -> offsets.merge(partition.topic(), info.offset(), Long::sum));
            topics.forEach(topic -> offsets.putIfAbsent(topic, 0L));
            return offsets;
        }
    }
}
