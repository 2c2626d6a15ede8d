package se.nexus.schemas.registry;

import java.nio.ByteBuffer;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.apicurio.registry.serde.avro.AvroKafkaDeserializer;
import io.apicurio.registry.serde.avro.AvroKafkaSerializer;
import se.nexus.events.consent.ConsentGranted;
import se.nexus.events.referral.ReferralSubmitted;
import se.nexus.infrastructure.SharedInfrastructure;
import se.nexus.schemas.EventTestData;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Cross-checks our serde against an independent implementation, Apicurio's, through the same registry: each reads
 * what the other wrote. Apicurio's serde talks to the registry's core v3 API and frames messages with the content id,
 * which is exactly the id the Confluent-compatible API hands out (Apicurio 3 without legacy id mode).
 */
class ApicurioSerdeCrossCheckIntegrationTests {

	private final String ccompatUrl = SharedInfrastructure.get().schemaRegistryUrl();

	private final String coreUrl = ccompatUrl.replace("/apis/ccompat/v7", "/apis/registry/v3");

	private final String topic = "it-cross-" + UUID.randomUUID();

	@Test
	void apicurioReadsWhatOurSerializerWrote() {
		ReferralSubmitted event = EventTestData.referralSubmitted();
		KafkaAvroSerializer ours = new KafkaAvroSerializer();
		ours.configure(Map.of("schema.registry.url", ccompatUrl, "value.subject.name.strategy",
				TopicRecordNameStrategy.class.getName()), false);
		byte[] bytes = ours.serialize(topic, event);

		try (AvroKafkaDeserializer<Object> apicurio = new AvroKafkaDeserializer<>()) {
			apicurio.configure(apicurioConfig(Map.of("apicurio.registry.use-specific-avro-reader", "true")), false);
			assertThat(apicurio.deserialize(topic, bytes)).isInstanceOf(ReferralSubmitted.class).isEqualTo(event);
		}
	}

	@Test
	void weReadWhatApicuriosSerializerWroteUnderTheSameSubject() {
		ConsentGranted event = EventTestData.consentGranted();
		byte[] bytes;
		try (AvroKafkaSerializer<Object> apicurio = new AvroKafkaSerializer<>()) {
			apicurio.configure(apicurioConfig(Map.of("apicurio.registry.auto-register", "true",
					"apicurio.registry.artifact-resolver-strategy", ConfluentSubjectIdStrategy.class.getName())),
					false);
			bytes = apicurio.serialize(topic, event);
		}
		KafkaAvroDeserializer ours = new KafkaAvroDeserializer();
		ours.configure(Map.of("schema.registry.url", ccompatUrl, "specific.avro.reader", "true"), false);

		assertThat(bytes[0]).as("Confluent's magic byte").isZero();
		assertThat(ours.deserialize(topic, bytes)).isInstanceOf(ConsentGranted.class).isEqualTo(event);
		int idApicurioWrote = ByteBuffer.wrap(bytes, 1, 4).getInt();
		String subject = topic + "-se.nexus.events.consent.ConsentGranted";
		RegisteredSchema latest = new SchemaRegistryClient(ccompatUrl).getLatest(subject);
		assertThat(latest.id())
			.as("Apicurio registered under the subject our TopicRecordNameStrategy names, and ccompat's id is the content id")
			.isEqualTo(idApicurioWrote);
		// Apicurio registered EventMetadata as a schema reference; resolved, it is the same schema.
		assertThat(latest.schema()).isEqualTo(ConsentGranted.getClassSchema());
	}

	private Map<String, Object> apicurioConfig(Map<String, Object> extra) {
		Map<String, Object> config = new HashMap<>(extra);
		config.put("apicurio.registry.url", coreUrl);
		// The id in the payload, not in Kafka headers: Confluent's wire format.
		config.put("apicurio.registry.headers.enabled", "false");
		// 4-byte ids (Default4ByteIdHandler) holding the content id: what ccompat's /schemas/ids/{id} resolves.
		config.put("apicurio.registry.use-id", "contentId");
		return config;
	}
}
