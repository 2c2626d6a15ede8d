package se.nexus.referral;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;

import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

import se.nexus.infrastructure.KafkaAccess;
import se.nexus.infrastructure.SharedInfrastructure;
import se.nexus.schemas.registry.KafkaAvroDeserializer;

/** Reads what a topic holds, as any consumer would, through the real registry. */
final class KafkaEvents {

    private KafkaEvents() {
    }

    /** Every event on the topic under the key, in partition order. */
    static List<SpecificRecord> forKey(String topic, String key) {
        List<SpecificRecord> found = new ArrayList<>();
        try (var consumer = consumer()) {
            consumer.subscribe(List.of(topic));
            long quietSince = System.currentTimeMillis();
            while (System.currentTimeMillis() - quietSince < 2000) {
                for (ConsumerRecord<String, Object> record : consumer.poll(Duration.ofMillis(300))) {
                    quietSince = System.currentTimeMillis();
                    if (key.equals(record.key())) {
                        found.add((SpecificRecord) record.value());
                    }
                }
            }
        }
        return found;
    }

    static KafkaConsumer<String, Object> consumer() {
        Properties config = new Properties();
        config.putAll(SharedInfrastructure.get().kafka(KafkaAccess.OPERATOR).properties());
        config.put(ConsumerConfig.GROUP_ID_CONFIG, KafkaAccess.operatorGroup("test"));
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        config.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "2000");
        config.put("schema.registry.url", SharedInfrastructure.get().schemaRegistryUrl());
        config.put("specific.avro.reader", "true");
        return new KafkaConsumer<>(config, new StringDeserializer(), deserializer(config));
    }

    @SuppressWarnings({ "unchecked", "rawtypes" })
    private static Deserializer<Object> deserializer(Properties config) {
        var deserializer = new KafkaAvroDeserializer();
        deserializer.configure((Map) config, false);
        return deserializer;
    }
}
