package se.nexus.infrastructure;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

class KafkaBrokerIntegrationTests {

	private final Infrastructure infrastructure = SharedInfrastructure.get();

	@Test
	void deliversRecordsAndKeepsThemAcrossARestart() throws Exception {
		String topic = "test.broker-" + UUID.randomUUID();
		send(topic, "before restart");
		assertThat(readAll(topic, 1)).containsExactly("before restart");

		infrastructure.kafkaBroker().ifPresent(KafkaBroker::restart);

		send(topic, "after restart");
		assertThat(readAll(topic, 2)).containsExactly("before restart", "after restart");
	}

	private void send(String topic, String value) throws Exception {
		try (KafkaProducer<String, String> producer = new KafkaProducer<>(infrastructure.kafka(KafkaAccess.OPERATOR).properties(Map.of(
				ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
				ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class)))) {
			// One key keeps both records in one partition, so their order is defined.
			producer.send(new ProducerRecord<>(topic, "referral-1", value)).get();
		}
	}

	private List<String> readAll(String topic, int expected) {
		List<String> values = new ArrayList<>();
		try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(infrastructure.kafka(KafkaAccess.OPERATOR).properties(Map.of(
				ConsumerConfig.GROUP_ID_CONFIG, KafkaAccess.operatorGroup("broker-test"),
				ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
				ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class,
				ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class)))) {
			consumer.subscribe(List.of(topic));
			long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
			while (values.size() < expected && System.nanoTime() < deadline) {
				for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
					values.add(record.value());
				}
			}
		}
		return values;
	}
}
