package se.nexus.schemas.registry;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.generic.GenericRecordBuilder;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import se.nexus.events.referral.ReferralSubmitted;
import se.nexus.schemas.EventTestData;
import se.nexus.schemas.Topics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class KafkaAvroSerdeTests {

	private static final String TOPIC = Topics.REFERRALS;

	private static final String SUBJECT = TOPIC + "-se.nexus.events.referral.ReferralSubmitted";

	private final FakeSchemaRegistry registry = new FakeSchemaRegistry();

	@AfterEach
	void stopRegistry() {
		registry.close();
	}

	@Test
	void writesConfluentFramingWithTheRegisteredId() {
		byte[] bytes = serializer(Map.of()).serialize(TOPIC, EventTestData.referralSubmitted());

		assertThat(bytes[0]).isZero();
		int id = ByteBuffer.wrap(bytes, 1, 4).getInt();
		assertThat(new SchemaRegistryClient(registry.url()).getById(id))
			.isEqualTo(PortableSchema.of(ReferralSubmitted.getClassSchema()));
	}

	@Test
	void roundTripsSpecificRecordsToTheGeneratedClass() {
		ReferralSubmitted event = EventTestData.referralSubmitted();
		byte[] bytes = serializer(Map.of()).serialize(TOPIC, event);

		Object read = deserializer(Map.of("specific.avro.reader", "true")).deserialize(TOPIC, bytes);

		assertThat(read).isInstanceOf(ReferralSubmitted.class).isEqualTo(event);
	}

	@Test
	void givesASubjectItRegistersTheContractsCompatibilityUnlessTheSubjectHasALevel() {
		serializer(Map.of()).serialize(TOPIC, EventTestData.referralSubmitted());
		assertThat(registry.compatibility(SUBJECT)).isEqualTo("BACKWARD_TRANSITIVE");

		new SchemaRegistryClient(registry.url()).setCompatibility(SUBJECT, "FULL_TRANSITIVE");
		serializer(Map.of()).serialize(TOPIC, EventTestData.referralSubmitted());
		assertThat(registry.compatibility(SUBJECT)).as("an operator's choice stays").isEqualTo("FULL_TRANSITIVE");
	}

	@Test
	void readsGenericRecordsByDefault() {
		ReferralSubmitted event = EventTestData.referralSubmitted();
		byte[] bytes = serializer(Map.of()).serialize(TOPIC, event);

		Object read = deserializer(Map.of()).deserialize(TOPIC, bytes);

		assertThat(read).isInstanceOf(GenericRecord.class).isNotInstanceOf(ReferralSubmitted.class);
		GenericRecord record = (GenericRecord) read;
		// Registered without avro.java.string, so a generic reader gets Avro's Utf8, as from any other producer.
		assertThat(record.get("referralId")).hasToString("ref-1");
		assertThat(((GenericRecord) record.get("metadata")).get("occurredAt"))
			.isEqualTo(EventTestData.OCCURRED_AT.toEpochMilli());
	}

	@Test
	void writesGenericRecordsThatReadBackAsTheGeneratedClass() {
		Schema schema = ReferralSubmitted.getClassSchema();
		GenericRecord metadata = new GenericRecordBuilder(schema.getField("metadata").schema()).set("eventId", "e-1")
			.set("occurredAt", EventTestData.OCCURRED_AT.toEpochMilli())
			.set("producer", "referral-service")
			.set("actingAgency", "school-east")
			.set("actingUserRef", "user-1")
			.set("correlationId", "c-1")
			.build();
		Schema legalBasis = schema.getField("legalBasis").schema();
		GenericRecord generic = new GenericRecordBuilder(schema).set("metadata", metadata)
			.set("referralId", "ref-1")
			.set("fromAgency", "school-east")
			.set("toAgency", "social-services-north")
			.set("subject", new GenericRecordBuilder(schema.getField("subject").schema()).set("ref", "subj-42")
				.set("protectedIdentity", false)
				.build())
			.set("urgency", new GenericData.EnumSymbol(schema.getField("urgency").schema(), "ROUTINE"))
			.set("concerns", List.of("CONTROL"))
			.set("legalBasis", new GenericRecordBuilder(legalBasis)
				.set("type", new GenericData.EnumSymbol(legalBasis.getField("type").schema(), "CONSENT"))
				.set("consentId", "consent-9")
				.build())
			.build();
		byte[] bytes = serializer(Map.of()).serialize(TOPIC, generic);

		ReferralSubmitted read = (ReferralSubmitted) deserializer(Map.of("specific.avro.reader", true))
			.deserialize(TOPIC, bytes);

		assertThat(read.getMetadata().getOccurredAt()).isEqualTo(EventTestData.OCCURRED_AT);
		assertThat(read.getConcerns()).containsExactly("CONTROL");
		assertThat(read.getLegalBasis().getConsentId()).isEqualTo("consent-9");
	}

	@Test
	void nullIsNullBothWays() {
		assertThat(serializer(Map.of()).serialize(TOPIC, null)).isNull();
		assertThat(deserializer(Map.of()).deserialize(TOPIC, null)).isNull();
		assertThat(registry.requests()).isZero();
	}

	@Test
	void usesTheConfiguredSubjectNameStrategyUnderConfluentsOrOurClassName() {
		serializer(Map.of("value.subject.name.strategy", "io.confluent.kafka.serializers.subject.TopicRecordNameStrategy"))
			.serialize(TOPIC, EventTestData.referralSubmitted());
		serializer(Map.of("value.subject.name.strategy", RecordNameStrategy.class.getName()))
			.serialize(TOPIC, EventTestData.consentGranted());
		new KafkaAvroSerializer(new SchemaRegistryClient(registry.url()), Map.of(), false).serialize("other",
				EventTestData.coordinatorNotified());
		KafkaAvroSerializer keys = new KafkaAvroSerializer(new SchemaRegistryClient(registry.url()),
				Map.of("key.subject.name.strategy", TopicRecordNameStrategy.class), true);
		keys.serialize("keyed", EventTestData.consentGranted());

		assertThat(registry.subjects()).containsExactlyInAnyOrder(SUBJECT, "se.nexus.events.consent.ConsentGranted",
				"other-value", "keyed-se.nexus.events.consent.ConsentGranted");
	}

	@Test
	void refusesAnUnknownStrategy() {
		assertThatThrownBy(() -> serializer(Map.of("value.subject.name.strategy", "com.example.Nope")))
			.isInstanceOf(ConfigException.class)
			.hasMessageContaining("com.example.Nope");
	}

	@Test
	void withoutAutoRegistrationLooksUpTheIdAndFailsClearlyIfUnregistered() {
		KafkaAvroSerializer serializer = serializer(Map.of("auto.register.schemas", "false"));
		assertThatThrownBy(() -> serializer.serialize(TOPIC, EventTestData.referralSubmitted()))
			.isInstanceOf(SerializationException.class)
			.hasMessageContaining("No schema id for se.nexus.events.referral.ReferralSubmitted under subject " + SUBJECT)
			.hasMessageContaining("40403");

		int id = registry.register(SUBJECT, PortableSchema.of(ReferralSubmitted.getClassSchema()));
		assertThat(schemaId(serializer.serialize(TOPIC, EventTestData.referralSubmitted()))).isEqualTo(id);
		assertThat(registry.subjects()).containsExactly(SUBJECT);
	}

	@Test
	void withUseLatestVersionWritesWithTheLatestSchemaSoTheBytesMatchTheirId() {
		Schema v2 = withOptionalField(ReferralSubmitted.getClassSchema(), "priorityCode");
		registry.register(SUBJECT, ReferralSubmitted.getClassSchema());
		int latest = registry.register(SUBJECT, v2);
		KafkaAvroSerializer serializer = serializer(Map.of("auto.register.schemas", false, "use.latest.version", true));

		byte[] bytes = serializer.serialize(TOPIC, EventTestData.referralSubmitted());

		assertThat(schemaId(bytes)).isEqualTo(latest);
		GenericRecord read = (GenericRecord) deserializer(Map.of()).deserialize(TOPIC, bytes);
		assertThat(read.getSchema()).isEqualTo(v2);
		assertThat(read.get("priorityCode")).isNull();
		assertThat(read.get("referralId")).isEqualTo("ref-1");
	}

	@Test
	void refusesMessagesThatAreNotConfluentFramedAvro() {
		KafkaAvroDeserializer deserializer = deserializer(Map.of());
		byte[] valid = serializer(Map.of()).serialize(TOPIC, EventTestData.referralSubmitted());

		assertThatThrownBy(() -> deserializer.deserialize(TOPIC, new byte[0])).isInstanceOf(SerializationException.class)
			.hasMessageContaining("Empty message");
		assertThatThrownBy(() -> deserializer.deserialize(TOPIC, new byte[] { 0, 0, 1 }))
			.isInstanceOf(SerializationException.class).hasMessageContaining("Truncated message");
		assertThatThrownBy(() -> deserializer.deserialize(TOPIC, "{\"referralId\":\"ref-1\"}".getBytes()))
			.isInstanceOf(SerializationException.class).hasMessageContaining("Unknown magic byte 123");
		assertThatThrownBy(() -> deserializer.deserialize(TOPIC, Arrays.copyOf(valid, valid.length - 3)))
			.isInstanceOf(SerializationException.class)
			.hasMessageContaining("Could not decode a message on topic nexus.referrals with schema id 1");
		assertThatThrownBy(() -> deserializer.deserialize(TOPIC, Arrays.copyOf(valid, valid.length + 2)))
			.isInstanceOf(SerializationException.class).hasMessageContaining("bytes left over");
	}

	/**
	 * A valid Nexus event on another Nexus topic than its own is refused by every reader, generic or specific; on a
	 * topic Nexus does not define it is read (types unknown to this build are read too, see TopicsTests).
	 */
	@Test
	void refusesAnEventOfATypeItsTopicDoesNotCarry() {
		byte[] bytes = serializer(Map.of()).serialize(Topics.HANDOVERS, EventTestData.referralSubmitted());

		for (Map<String, String> reader : List.of(Map.<String, String>of(), Map.of("specific.avro.reader", "true"))) {
			assertThatThrownBy(() -> deserializer(reader).deserialize(Topics.HANDOVERS, bytes))
				.isInstanceOf(SerializationException.class)
				.hasMessageStartingWith("Topic nexus.handovers does not carry se.nexus.events.referral.ReferralSubmitted")
				.message()
				.doesNotContain("ref-1", "subj-42");
		}
		assertThat(deserializer(Map.of()).deserialize("some.other.topic", bytes)).isNotNull();
	}

	@Test
	void refusesAnUnknownSchemaIdWithoutEchoingThePayload() {
		byte[] bytes = serializer(Map.of()).serialize(TOPIC, EventTestData.referralSubmitted());
		ByteBuffer.wrap(bytes).putInt(1, 999);

		assertThatThrownBy(() -> deserializer(Map.of()).deserialize(TOPIC, bytes))
			.isInstanceOf(SerializationException.class)
			.hasMessageStartingWith("Unknown schema id 999 on topic nexus.referrals")
			.hasMessageContaining("40403")
			.message()
			.doesNotContain("ref-1", "subj-42");
	}

	@Test
	void failsWithinTheTimeoutWhenTheRegistryHangs() {
		byte[] bytes = serializer(Map.of()).serialize(TOPIC, EventTestData.referralSubmitted());
		registry.answerAfter(Duration.ofSeconds(5));
		KafkaAvroDeserializer deserializer = deserializer(Map.of("http.read.timeout.ms", "300"));
		KafkaAvroSerializer serializer = serializer(Map.of("schema.registry.http.read.timeout.ms", 300));
		long start = System.nanoTime();

		assertThatThrownBy(() -> deserializer.deserialize(TOPIC, bytes)).isInstanceOf(SerializationException.class)
			.hasMessageContaining("did not answer GET /schemas/ids/1 within 300 ms");
		assertThatThrownBy(() -> serializer.serialize(TOPIC, EventTestData.consentGranted()))
			.isInstanceOf(SerializationException.class).hasMessageContaining("within 300 ms");
		assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(3));
	}

	@Test
	void reportsARegistryFailureWithItsErrorCode() {
		registry.failWith(500, FakeSchemaRegistry.error(50001, "Error in the backend data store"));

		assertThatThrownBy(() -> serializer(Map.of()).serialize(TOPIC, EventTestData.referralSubmitted()))
			.isInstanceOf(SerializationException.class)
			.hasMessageContaining("answered 500")
			.hasMessageContaining("50001");
	}

	@Test
	void refusesWhatIsNotAnAvroRecordAndAMissingUrl() {
		assertThatThrownBy(() -> serializer(Map.of()).serialize(TOPIC, "text"))
			.isInstanceOf(SerializationException.class).hasMessageContaining("java.lang.String");
		assertThatThrownBy(() -> new KafkaAvroSerializer().configure(Map.of(), false))
			.isInstanceOf(ConfigException.class).hasMessageContaining("schema.registry.url");
	}

	@Test
	void configuresFromTheFirstOfSeveralUrlsLikeKafkaDoesByClassName() {
		KafkaAvroSerializer serializer = new KafkaAvroSerializer();
		serializer.configure(Map.of("schema.registry.url", registry.url() + ",http://127.0.0.1:1"), false);
		KafkaAvroDeserializer deserializer = new KafkaAvroDeserializer();
		deserializer.configure(Map.of("schema.registry.url", registry.url(), "specific.avro.reader", "true"), false);

		ReferralSubmitted event = EventTestData.referralSubmitted();
		assertThat(deserializer.deserialize(TOPIC, serializer.serialize(TOPIC, event))).isEqualTo(event);
	}

	private KafkaAvroSerializer serializer(Map<String, ?> configs) {
		Map<String, Object> all = new HashMap<>(configs);
		all.putIfAbsent("schema.registry.url", registry.url());
		all.putIfAbsent("value.subject.name.strategy", TopicRecordNameStrategy.class.getName());
		KafkaAvroSerializer serializer = new KafkaAvroSerializer();
		serializer.configure(all, false);
		return serializer;
	}

	private KafkaAvroDeserializer deserializer(Map<String, ?> configs) {
		Map<String, Object> all = new HashMap<>(configs);
		all.putIfAbsent("schema.registry.url", registry.url());
		KafkaAvroDeserializer deserializer = new KafkaAvroDeserializer();
		deserializer.configure(all, false);
		return deserializer;
	}

	private static int schemaId(byte[] bytes) {
		return ByteBuffer.wrap(bytes, 1, 4).getInt();
	}

	static Schema withOptionalField(Schema schema, String name) {
		ObjectMapper json = new ObjectMapper();
		try {
			ObjectNode tree = (ObjectNode) json.readTree(schema.toString());
			ObjectNode field = json.createObjectNode().put("name", name).put("doc", "Added in v2.");
			field.set("type", json.createArrayNode().add("null").add("string"));
			field.putNull("default");
			((ArrayNode) tree.get("fields")).add(field);
			return new Schema.Parser().parse(tree.toString());
		}
		catch (Exception e) {
			throw new IllegalStateException(e);
		}
	}
}
