package se.nexus.schemas.registry;

import java.nio.ByteBuffer;
import java.util.Map;
import java.util.UUID;

import org.apache.avro.Schema;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import se.nexus.events.referral.ReferralSubmitted;
import se.nexus.infrastructure.SharedInfrastructure;
import se.nexus.schemas.EventTestData;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The registry client and serializer against the real Apicurio Registry (BACKWARD_TRANSITIVE). */
class SchemaRegistryIntegrationTests {

	private final String url = SharedInfrastructure.get().schemaRegistryUrl();

	private final SchemaRegistryClient client = new SchemaRegistryClient(url);

	private final String topic = "it-" + UUID.randomUUID();

	private final String subject = topic + "-se.nexus.events.referral.ReferralSubmitted";

	@Test
	void theSerializerRegistersUnderTheTopicRecordSubjectAndFramesWithThatId() {
		KafkaAvroSerializer serializer = new KafkaAvroSerializer();
		serializer.configure(Map.of("schema.registry.url", url, "value.subject.name.strategy",
				"io.confluent.kafka.serializers.subject.TopicRecordNameStrategy"), false);

		byte[] bytes = serializer.serialize(topic, EventTestData.referralSubmitted());

		RegisteredSchema latest = client.getLatest(subject);
		assertThat(latest.version()).isEqualTo(1);
		assertThat(latest.schema()).isEqualTo(PortableSchema.of(ReferralSubmitted.getClassSchema()));
		assertThat(ByteBuffer.wrap(bytes, 1, 4).getInt()).isEqualTo(latest.id());
		assertThat(new SchemaRegistryClient(url).getById(latest.id()))
			.isEqualTo(PortableSchema.of(ReferralSubmitted.getClassSchema()));
		assertThat(client.register(subject, ReferralSubmitted.getClassSchema())).as("registering again is a no-op")
			.isEqualTo(latest.id());
		assertThat(new SchemaRegistryClient(url).lookup(subject, ReferralSubmitted.getClassSchema()))
			.isEqualTo(latest.id());
	}

	@Test
	void theRegistryRefusesAnIncompatibleVersionAndAcceptsACompatibleOne() {
		int v1 = client.register(subject, ReferralSubmitted.getClassSchema());
		Schema incompatible = withField(ReferralSubmitted.getClassSchema(), "priorityCode", false);
		Schema compatible = withField(ReferralSubmitted.getClassSchema(), "priorityCode", true);

		assertThat(client.isCompatible(subject, incompatible)).isFalse();
		assertThatThrownBy(() -> client.register(subject, incompatible))
			.isInstanceOfSatisfying(SchemaRegistryException.class, e -> {
				assertThat(e.isIncompatible()).isTrue();
				assertThat(e).hasMessageContaining("answered 409 to POST /subjects/" + subject + "/versions");
			});

		assertThat(client.isCompatible(subject, compatible)).isTrue();
		int v2 = client.register(subject, compatible);
		assertThat(v2).isNotEqualTo(v1);
		assertThat(client.getLatest(subject).version()).isEqualTo(2);
		assertThat(client.getVersion(subject, 1).id()).isEqualTo(v1);
	}

	@Test
	void unknownIdsAndSubjectsAreReportedAsNotFound() {
		assertThatThrownBy(() -> client.getById(Integer.MAX_VALUE)).isInstanceOfSatisfying(
				SchemaRegistryException.class, e -> assertThat(e.isNotFound()).isTrue());
		assertThatThrownBy(() -> client.lookup(subject, ReferralSubmitted.getClassSchema()))
			.isInstanceOfSatisfying(SchemaRegistryException.class, e -> assertThat(e.isNotFound()).isTrue());

		byte[] unknownId = { 0, 0x7f, 0, 0, 0, 2 };
		KafkaAvroDeserializer deserializer = new KafkaAvroDeserializer();
		deserializer.configure(Map.of("schema.registry.url", url), false);
		assertThatThrownBy(() -> deserializer.deserialize(topic, unknownId))
			.isInstanceOf(SerializationException.class)
			.hasMessageStartingWith("Unknown schema id 2130706432 on topic " + topic);
	}

	static Schema withField(Schema schema, String name, boolean optional) {
		ObjectMapper json = new ObjectMapper();
		try {
			ObjectNode tree = (ObjectNode) json.readTree(schema.toString());
			ObjectNode field = json.createObjectNode().put("name", name).put("doc", "Added in a test.");
			if (optional) {
				field.set("type", json.createArrayNode().add("null").add("string"));
				field.putNull("default");
			}
			else {
				field.put("type", "string");
			}
			((ArrayNode) tree.get("fields")).add(field);
			return new Schema.Parser().parse(tree.toString());
		}
		catch (Exception e) {
			throw new IllegalStateException(e);
		}
	}
}
