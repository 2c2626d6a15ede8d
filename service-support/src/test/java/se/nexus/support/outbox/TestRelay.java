package se.nexus.support.outbox;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.StringSerializer;
import org.postgresql.Driver;
import org.springframework.jdbc.datasource.SimpleDriverDataSource;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.support.ProducerListener;

import se.nexus.infrastructure.Database;
import se.nexus.infrastructure.KafkaAccess;
import se.nexus.infrastructure.SharedInfrastructure;
import se.nexus.schemas.registry.KafkaAvroSerializer;
import se.nexus.schemas.registry.TopicRecordNameStrategy;

/** One running relay as one instance of a service has it: its own producer and database sessions, counting its sends. */
final class TestRelay {

    /** Quick to claim, so that the tests see partitions change hands within a second. */
    static final OutboxProperties PROPERTIES = new OutboxProperties(50, Duration.ofMillis(20), Duration.ofMillis(20), Duration.ofSeconds(30),
        Duration.ofSeconds(2), Duration.ofSeconds(60), 16, Duration.ofMillis(200), Duration.ofSeconds(5));

    private final OutboxRelay relay;
    private final DefaultKafkaProducerFactory<String, Object> producers;
    private final AtomicInteger published;

    private TestRelay(OutboxRelay relay, DefaultKafkaProducerFactory<String, Object> producers, AtomicInteger published) {
        this.relay = relay;
        this.producers = producers;
        this.published = published;
    }

    static TestRelay start(Database database) {
        return start(database, PROPERTIES, new RelayWakeUp());
    }

    static TestRelay start(Database database, OutboxProperties properties, RelayWakeUp wakeUp) {
        var producers = new DefaultKafkaProducerFactory<String, Object>(producerConfig());
        var kafka = new KafkaTemplate<>(producers);
        var published = new AtomicInteger();
        kafka.setProducerListener(new ProducerListener<>() {
            @Override
            public void onSuccess(ProducerRecord<String, Object> record, RecordMetadata metadata) {
                published.incrementAndGet();
            }
        });
        var relay = new OutboxRelay(sessions(database), kafka, properties, EventTrace.off(), wakeUp);
        relay.start();
        return new TestRelay(relay, producers, published);
    }

    static SimpleDriverDataSource sessions(Database database) {
        return new SimpleDriverDataSource(new Driver(), database.jdbcUrl(), database.username(), database.password());
    }

    OutboxRelay relay() {
        return relay;
    }

    /** Events Kafka acknowledged to this relay. */
    int published() {
        return published.get();
    }

    void stop() {
        relay.stop();
        producers.destroy();
    }

    private static Map<String, Object> producerConfig() {
        var infrastructure = SharedInfrastructure.get();
        // A relay publishes as a service does; the operator's principal may write the tests' own topic.
        return infrastructure.kafka(KafkaAccess.OPERATOR).properties(Map.of(
            ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
            ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, KafkaAvroSerializer.class,
            ProducerConfig.ACKS_CONFIG, "all",
            ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
            ProducerConfig.LINGER_MS_CONFIG, 5,
            "schema.registry.url", infrastructure.schemaRegistryUrl(),
            "value.subject.name.strategy", TopicRecordNameStrategy.class.getName()));
    }
}
