package se.nexus.schemas.registry;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;

import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import se.nexus.events.referral.ReferralSubmitted;
import se.nexus.infrastructure.KafkaConnection;
import se.nexus.schemas.EventTestData;
import se.nexus.schemas.Topics;
import se.nexus.schemas.signing.BadSignature;
import se.nexus.schemas.signing.EventSignatures;
import se.nexus.schemas.signing.UnsignedEvent;
import se.nexus.schemas.signing.UntrustedSigningKey;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Events signed by their producer and verified by their consumers before anything is read; keys rotated. */
class SignedEventsTests {

	private static final String TOPIC = Topics.REFERRALS;

	private final FakeSchemaRegistry registry = new FakeSchemaRegistry();

	@TempDir
	Path dir;

	@AfterEach
	void stopRegistry() {
		registry.close();
	}

	@Test
	void aSignedEventIsReadAndCarriesItsKeyId() throws Exception {
		Path key = newKey("referral-service", trusted());
		ReferralSubmitted event = EventTestData.referralSubmitted();
		Headers headers = new RecordHeaders();

		byte[] value = signingSerializer(key).serialize(TOPIC, headers, event);

		assertThat(EventSignatures.signatureOf(headers)).hasSize(64);
		assertThat(EventSignatures.keyIdOf(headers)).matches("[0-9a-f]{16}");
		assertThat(verifyingDeserializer().deserialize(TOPIC, headers, value)).isEqualTo(event);
	}

	@Test
	void anUnsignedEventIsRefusedBeforeItIsRead() throws Exception {
		newKey("referral-service", trusted());
		byte[] value = plainSerializer().serialize(TOPIC, new RecordHeaders(), EventTestData.referralSubmitted());

		assertThatThrownBy(() -> verifyingDeserializer().deserialize(TOPIC, new RecordHeaders(), value))
			.isInstanceOf(UnsignedEvent.class).hasMessageContaining(TOPIC);
		assertThatThrownBy(() -> verifyingDeserializer().deserialize(TOPIC, value))
			.as("no headers, no signature").isInstanceOf(UnsignedEvent.class);
	}

	@Test
	void anAlteredEventIsRefused() throws Exception {
		Path key = newKey("referral-service", trusted());
		Headers headers = new RecordHeaders();
		byte[] value = signingSerializer(key).serialize(TOPIC, headers, EventTestData.referralSubmitted());
		value[value.length - 1] ^= 1;

		assertThatThrownBy(() -> verifyingDeserializer().deserialize(TOPIC, headers, value))
			.isInstanceOf(BadSignature.class).hasMessageContaining(EventSignatures.keyIdOf(headers));
	}

	@Test
	void aSignatureMovedToAnotherEventIsRefused() throws Exception {
		Path key = newKey("referral-service", trusted());
		KafkaAvroSerializer serializer = signingSerializer(key);
		Headers signed = new RecordHeaders();
		serializer.serialize(TOPIC, signed, EventTestData.referralSubmitted());
		byte[] other = serializer.serialize(TOPIC, new RecordHeaders(), EventTestData.referralSubmitted());

		assertThatThrownBy(() -> verifyingDeserializer().deserialize(TOPIC, signed, other))
			.isInstanceOf(BadSignature.class);
	}

	@Test
	void anEventSignedWithAKeyNotTrustedIsRefused() throws Exception {
		newKey("referral-service", trusted());
		Path stranger = newKey("stranger", null);
		Headers headers = new RecordHeaders();
		byte[] value = signingSerializer(stranger).serialize(TOPIC, headers, EventTestData.referralSubmitted());

		assertThatThrownBy(() -> verifyingDeserializer().deserialize(TOPIC, headers, value))
			.isInstanceOf(UntrustedSigningKey.class).hasMessageContaining(EventSignatures.keyIdOf(headers));
	}

	/**
	 * The rotation the architecture document describes: the new key is trusted first, the producer then signs with it,
	 * and events signed with the old key are read until the old key is retired; then they are refused.
	 */
	@Test
	void aRotatedKeyIsTrustedBesideTheOldOneUntilTheOldOneIsRetired() throws Exception {
		Path oldKey = newKey("referral-service", trusted());
		Headers oldHeaders = new RecordHeaders();
		byte[] oldEvent = signingSerializer(oldKey).serialize(TOPIC, oldHeaders, EventTestData.referralSubmitted());

		Path newKey = newKey("referral-service-2", trusted());
		Headers newHeaders = new RecordHeaders();
		byte[] newEvent = signingSerializer(newKey).serialize(TOPIC, newHeaders, EventTestData.referralSubmitted());
		KafkaAvroDeserializer duringRotation = verifyingDeserializer();
		assertThat(EventSignatures.keyIdOf(newHeaders)).isNotEqualTo(EventSignatures.keyIdOf(oldHeaders));
		assertThat(duringRotation.deserialize(TOPIC, oldHeaders, oldEvent)).isNotNull();
		assertThat(duringRotation.deserialize(TOPIC, newHeaders, newEvent)).isNotNull();

		Files.delete(trusted().resolve("referral-service.pub"));
		KafkaAvroDeserializer afterRotation = verifyingDeserializer();
		assertThat(afterRotation.deserialize(TOPIC, newHeaders, newEvent)).isNotNull();
		assertThatThrownBy(() -> afterRotation.deserialize(TOPIC, oldHeaders, oldEvent))
			.isInstanceOf(UntrustedSigningKey.class);
	}

	/** The platform's code hands the keys to Kafka clients under the names this serde reads. */
	@Test
	void theInfrastructureNamesTheSettingsAsTheSerdeReadsThem() {
		assertThat(KafkaConnection.SIGNING_KEY).isEqualTo(EventSignatures.SIGNING_KEY_CONFIG);
		assertThat(KafkaConnection.TRUSTED_KEYS).isEqualTo(EventSignatures.TRUSTED_KEYS_CONFIG);
	}

	@Test
	void aConsumerWithoutAnyTrustedKeyDoesNotStart() throws Exception {
		Files.createDirectories(trusted());

		assertThatThrownBy(this::verifyingDeserializer).isInstanceOf(ConfigException.class)
			.hasMessageContaining("No trusted signing key");
	}

	@Test
	void aProducerWithAnUnreadableKeyDoesNotStart() throws Exception {
		Path notAKey = Files.writeString(dir.resolve("broken.key"), "-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n");

		assertThatThrownBy(() -> signingSerializer(notAKey)).isInstanceOf(ConfigException.class)
			.hasMessageContaining("broken.key").hasMessageNotContaining("AAAA");
	}

	private Path trusted() {
		return dir.resolve("trusted");
	}

	/** A new key pair: the private key as {@code <name>.key}, its public key as {@code <name>.pub} in {@code trustIn}. */
	private Path newKey(String name, Path trustIn) throws GeneralSecurityException, IOException {
		KeyPair pair = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
		Path key = Files.writeString(dir.resolve(name + ".key"), pem("PRIVATE KEY", pair.getPrivate().getEncoded()));
		if (trustIn != null) {
			Files.createDirectories(trustIn);
			Files.writeString(trustIn.resolve(name + ".pub"), pem("PUBLIC KEY", pair.getPublic().getEncoded()));
		}
		return key;
	}

	private static String pem(String type, byte[] der) {
		return "-----BEGIN " + type + "-----\n"
				+ Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der)
				+ "\n-----END " + type + "-----\n";
	}

	private KafkaAvroSerializer signingSerializer(Path key) {
		return plainSerializer(Map.of(EventSignatures.SIGNING_KEY_CONFIG, key.toString()));
	}

	private KafkaAvroSerializer plainSerializer() {
		return plainSerializer(Map.of());
	}

	private KafkaAvroSerializer plainSerializer(Map<String, ?> configs) {
		Map<String, Object> all = new HashMap<>(configs);
		all.put("schema.registry.url", registry.url());
		all.put("value.subject.name.strategy", TopicRecordNameStrategy.class.getName());
		return new KafkaAvroSerializer(new SchemaRegistryClient(registry.url()), all, false);
	}

	private KafkaAvroDeserializer verifyingDeserializer() {
		return new KafkaAvroDeserializer(new SchemaRegistryClient(registry.url()), Map.of("schema.registry.url",
				registry.url(), "specific.avro.reader", "true", EventSignatures.TRUSTED_KEYS_CONFIG,
				trusted().toString()), false);
	}
}
