package se.nexus.schemas.registry;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.avro.specific.SpecificRecord;
import org.junit.jupiter.api.Test;

import se.nexus.events.consent.ConsentGranted;
import se.nexus.events.referral.ReferralSubmitted;
import se.nexus.infrastructure.Infrastructure;
import se.nexus.infrastructure.KafkaAccess;
import se.nexus.infrastructure.SharedInfrastructure;
import se.nexus.schemas.EventTestData;

import static org.assertj.core.api.Assertions.assertThat;

/** Several event types through one real Kafka topic, configured by class and property names only, as a service would. */
class KafkaAvroSerdeIntegrationTests {

	private final Infrastructure infrastructure = SharedInfrastructure.get();

	private final String topic = "test.serde-" + UUID.randomUUID();

	@Test
	void roundTripsSeveralEventTypesOnOneTopicAsGeneratedClassesAndAsGenericRecords() throws Exception {
		createTopic();
		ReferralSubmitted referral = EventTestData.referralSubmitted();
		ConsentGranted consent = EventTestData.consentGranted();
		try (KafkaProducer<String, Object> producer = new KafkaProducer<>(producerConfig())) {
			producer.send(new ProducerRecord<>(topic, "ref-1", referral)).get();
			producer.send(new ProducerRecord<>(topic, "subj-42", consent)).get();
			producer.send(new ProducerRecord<>(topic, "tombstone", null)).get();
		}

		assertThat(consume(true)).containsExactly(referral, consent, null);
		List<Object> generic = consume(false);
		assertThat(generic.get(0)).isInstanceOf(GenericRecord.class).isNotInstanceOf(SpecificRecord.class);
		// The registered schema has no avro.java.string, so a generic reader gets Avro's Utf8, as from any producer.
		assertThat(((GenericRecord) generic.get(1)).get("consentId")).hasToString("consent-9");
		SchemaRegistryClient client = new SchemaRegistryClient(infrastructure.schemaRegistryUrl());
		assertThat(client.getLatest(topic + "-se.nexus.events.consent.ConsentGranted").schema())
			.isEqualTo(PortableSchema.of(ConsentGranted.getClassSchema()));
	}

	private void createTopic() throws Exception {
		try (Admin admin = Admin.create(infrastructure.kafka(KafkaAccess.OPERATOR).properties())) {
			admin.createTopics(List.of(new NewTopic(topic, 1, (short) 1))).all().get();
		}
	}

	private Map<String, Object> producerConfig() {
		return infrastructure.kafka(KafkaAccess.OPERATOR).properties(Map.of("key.serializer",
				StringSerializer.class.getName(), "value.serializer", KafkaAvroSerializer.class.getName(),
				"schema.registry.url", infrastructure.schemaRegistryUrl(), "value.subject.name.strategy",
				"io.confluent.kafka.serializers.subject.TopicRecordNameStrategy"));
	}

	private List<Object> consume(boolean specific) {
		Map<String, Object> config = infrastructure.kafka(KafkaAccess.OPERATOR).properties(Map.of(
				"group.id", KafkaAccess.operatorGroup("serde-tests"), "auto.offset.reset", "earliest", "key.deserializer",
				StringDeserializer.class.getName(), "value.deserializer", KafkaAvroDeserializer.class.getName(),
				"schema.registry.url", infrastructure.schemaRegistryUrl(), "specific.avro.reader",
				Boolean.toString(specific)));
		List<Object> values = new ArrayList<>();
		try (KafkaConsumer<String, Object> consumer = new KafkaConsumer<>(config)) {
			consumer.subscribe(List.of(topic));
			long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
			while (values.size() < 3 && System.nanoTime() < deadline) {
				for (ConsumerRecord<String, Object> record : consumer.poll(Duration.ofMillis(500))) {
					values.add(record.value());
				}
			}
		}
		return values;
	}
}
