package se.nexus.schemas.registry;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;

import org.apache.avro.AvroRuntimeException;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericContainer;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DatumWriter;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.serialization.Serializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import se.nexus.schemas.signing.EventSignatures;
import se.nexus.schemas.signing.SigningKey;

/**
 * Writes Avro records (generated or generic) in Confluent's wire format, with the schema id from a Confluent-compatible
 * registry; configured with Confluent's property names, so it can be swapped for Confluent's serializer. With
 * {@value EventSignatures#SIGNING_KEY_CONFIG} set, it also signs each value into the record's headers
 * ({@link EventSignatures}).
 */
public class KafkaAvroSerializer implements Serializer<Object> {

	/** The level every Nexus contract is kept to (the build's avro-history gate checks the same). */
	public static final String CONTRACT_COMPATIBILITY = "BACKWARD_TRANSITIVE";

	private static final Logger LOG = LoggerFactory.getLogger(KafkaAvroSerializer.class);

	private SchemaRegistryClient client;

	private SerdeConfig config;

	private boolean isKey;

	private BoundedCache<String, RegisteredSchema> latestBySubject;

	private BoundedCache<String, Boolean> subjectsWithLevel;

	private SigningKey signingKey;

	/** For Kafka, which creates the serializer by class name and then calls {@link #configure}. */
	public KafkaAvroSerializer() {
	}

	/** Uses the given client; {@code schema.registry.url} is then not needed. */
	public KafkaAvroSerializer(SchemaRegistryClient client) {
		this.client = client;
	}

	/** A ready serializer for the given properties. */
	public KafkaAvroSerializer(SchemaRegistryClient client, Map<String, ?> configs, boolean isKey) {
		this(client);
		configure(configs, isKey);
	}

	@Override
	public void configure(Map<String, ?> configs, boolean isKey) {
		this.config = SerdeConfig.of(configs);
		this.isKey = isKey;
		this.latestBySubject = new BoundedCache<>(config.cacheCapacity());
		this.subjectsWithLevel = new BoundedCache<>(config.cacheCapacity());
		Object keyFile = configs.get(EventSignatures.SIGNING_KEY_CONFIG);
		if (keyFile != null && !keyFile.toString().isBlank()) {
			this.signingKey = SigningKey.read(Path.of(keyFile.toString().trim()));
		}
		if (client == null) {
			client = config.newClient();
		}
	}

	/** Kafka's producer calls this one: the value, signed into the headers where a signing key is configured. */
	@Override
	public byte[] serialize(String topic, Headers headers, Object data) {
		byte[] value = serialize(topic, data);
		if (value != null && signingKey != null) {
			signingKey.signInto(headers, value);
		}
		return value;
	}

	@Override
	public byte[] serialize(String topic, Object data) {
		if (data == null) {
			return null;
		}
		requireConfigured();
		Schema schema = schemaOf(data);
		String subject = config.strategy(isKey).subjectName(topic, isKey, schema);
		try {
			return write(subject, schema, data);
		}
		catch (SchemaRegistryException e) {
			throw new SerializationException(
					"No schema id for " + schema.getFullName() + " under subject " + subject + ": " + e.getMessage(), e);
		}
		catch (IOException | AvroRuntimeException | ClassCastException e) {
			throw new SerializationException("Could not write a " + schema.getFullName() + " for topic " + topic
					+ ": " + e.getMessage(), e);
		}
	}

	private byte[] write(String subject, Schema schema, Object data) throws IOException {
		if (config.autoRegister()) {
			int id = client.register(subject, schema);
			subjectsWithLevel.computeIfAbsent(subject, this::ensureContractCompatibility);
			return encode(id, schema, data);
		}
		if (!config.useLatestVersion()) {
			return encode(client.lookup(subject, schema), schema, data);
		}
		RegisteredSchema latest = latestBySubject.computeIfAbsent(subject, client::getLatest);
		// The registry holds the portable form, which differs from a generated class's schema by Java properties only.
		if (latest.schema().equals(PortableSchema.of(schema))) {
			return encode(latest.id(), schema, data);
		}
		// The latest version differs from the record's own schema: resolve the record into the latest schema so
		// that the bytes always match the id they are framed with.
		return encode(latest.id(), latest.schema(), resolve(data, schema, latest.schema()));
	}

	/**
	 * Outside clients read the subject's level ({@code GET /config/{subject}}), and Apicurio answers NONE there when
	 * only the global level is set; a level an operator chose for the subject is left alone. A registry that refuses
	 * the change must not stop the producer: the global level still guards the subject.
	 */
	private boolean ensureContractCompatibility(String subject) {
		try {
			String level = client.compatibility(subject).orElse("NONE");
			if (level.equals("NONE")) {
				client.setCompatibility(subject, CONTRACT_COMPATIBILITY);
			}
		}
		catch (SchemaRegistryException e) {
			LOG.warn("Could not set compatibility {} on subject {}: {}", CONTRACT_COMPATIBILITY, subject,
					e.getMessage());
		}
		return true;
	}

	private static byte[] encode(int schemaId, Schema schema, Object data) throws IOException {
		ByteArrayOutputStream out = new ByteArrayOutputStream();
		out.write(WireFormat.header(schemaId).array());
		BinaryEncoder encoder = EncoderFactory.get().directBinaryEncoder(out, null);
		writerFor(schema, data).write(data, encoder);
		encoder.flush();
		return out.toByteArray();
	}

	private static Object resolve(Object data, Schema own, Schema latest) throws IOException {
		byte[] body = encode(0, own, data);
		GenericDatumReader<Object> reader = new GenericDatumReader<>(own, latest);
		return reader.read(null, DecoderFactory.get().binaryDecoder(body, WireFormat.HEADER_SIZE,
				body.length - WireFormat.HEADER_SIZE, null));
	}

	@SuppressWarnings("unchecked")
	private static DatumWriter<Object> writerFor(Schema schema, Object data) {
		if (data instanceof SpecificRecord) {
			return new SpecificDatumWriter<>(schema, SpecificData.getForClass((Class<Object>) data.getClass()));
		}
		return new GenericDatumWriter<>(schema, GenericData.get());
	}

	private static Schema schemaOf(Object data) {
		if (data instanceof GenericContainer container) {
			return container.getSchema();
		}
		throw new SerializationException("Cannot serialize a " + data.getClass().getName()
				+ ": expected an Avro record (generated SpecificRecord or GenericRecord)");
	}

	private void requireConfigured() {
		if (config == null) {
			throw new IllegalStateException("KafkaAvroSerializer used before configure(...)");
		}
	}
}
