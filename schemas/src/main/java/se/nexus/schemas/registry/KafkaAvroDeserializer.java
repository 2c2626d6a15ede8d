package se.nexus.schemas.registry;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;

import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.DatumReader;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.serialization.Deserializer;

import se.nexus.schemas.Topics;
import se.nexus.schemas.signing.EventSignatures;
import se.nexus.schemas.signing.TrustedKeys;

/**
 * Reads Confluent-framed Avro messages, fetching the writer's schema by id from a Confluent-compatible registry;
 * returns a GenericRecord, or the generated class when {@code specific.avro.reader=true}. With
 * {@value EventSignatures#TRUSTED_KEYS_CONFIG} set, it first verifies the record's signature and refuses one that is
 * missing, made with a key it does not trust or does not match ({@link EventSignatures}).
 */
public class KafkaAvroDeserializer implements Deserializer<Object> {

	private SchemaRegistryClient client;

	private SerdeConfig config;

	private BoundedCache<Integer, Reader> readersById;

	private TrustedKeys trustedKeys;

	/** A writer schema's reader, and the full name of the event type it writes. */
	private record Reader(DatumReader<Object> datumReader, String eventType) {
	}

	/** For Kafka, which creates the deserializer by class name and then calls {@link #configure}. */
	public KafkaAvroDeserializer() {
	}

	/** Uses the given client; {@code schema.registry.url} is then not needed. */
	public KafkaAvroDeserializer(SchemaRegistryClient client) {
		this.client = client;
	}

	/** A ready deserializer for the given properties. */
	public KafkaAvroDeserializer(SchemaRegistryClient client, Map<String, ?> configs, boolean isKey) {
		this(client);
		configure(configs, isKey);
	}

	@Override
	public void configure(Map<String, ?> configs, boolean isKey) {
		this.config = SerdeConfig.of(configs);
		this.readersById = new BoundedCache<>(config.cacheCapacity());
		Object trusted = configs.get(EventSignatures.TRUSTED_KEYS_CONFIG);
		if (trusted != null && !trusted.toString().isBlank()) {
			this.trustedKeys = TrustedKeys.read(Path.of(trusted.toString().trim()));
		}
		if (client == null) {
			client = config.newClient();
		}
	}

	/** Kafka's consumer calls this one: the signature is checked, where keys are trusted, before anything is read. */
	@Override
	public Object deserialize(String topic, Headers headers, byte[] bytes) {
		if (bytes != null && trustedKeys != null) {
			trustedKeys.verify(topic, headers, bytes);
		}
		return read(topic, bytes);
	}

	/** Without headers there is no signature: refused where keys are trusted. */
	@Override
	public Object deserialize(String topic, byte[] bytes) {
		return deserialize(topic, null, bytes);
	}

	private Object read(String topic, byte[] bytes) {
		if (bytes == null) {
			return null;
		}
		if (config == null) {
			throw new IllegalStateException("KafkaAvroDeserializer used before configure(...)");
		}
		int schemaId = WireFormat.schemaId(topic, bytes);
		Reader reader = readersById.computeIfAbsent(schemaId, id -> readerFor(topic, id));
		if (!Topics.carries(topic, reader.eventType())) {
			// A producer's mistake or a forgery: no consumer acts on an event its topic does not carry.
			throw new SerializationException("Topic " + topic + " does not carry " + reader.eventType()
					+ " (schema id " + schemaId + ")");
		}
		BinaryDecoder decoder = DecoderFactory.get()
			.binaryDecoder(bytes, WireFormat.HEADER_SIZE, bytes.length - WireFormat.HEADER_SIZE, null);
		try {
			Object value = reader.datumReader().read(null, decoder);
			if (!decoder.isEnd()) {
				throw new SerializationException("Message on topic " + topic + " has bytes left over after its record"
						+ " (schema id " + schemaId + ")");
			}
			return value;
		}
		catch (IOException | RuntimeException e) {
			if (e instanceof SerializationException serialization) {
				throw serialization;
			}
			// Never the payload in the message: it may carry personal data.
			throw new SerializationException("Could not decode a message on topic " + topic + " with schema id "
					+ schemaId + ": " + e.getClass().getSimpleName(), e);
		}
	}

	private Reader readerFor(String topic, int schemaId) {
		Schema writer = writerSchema(topic, schemaId);
		return new Reader(datumReaderFor(topic, schemaId, writer), writer.getFullName());
	}

	private DatumReader<Object> datumReaderFor(String topic, int schemaId, Schema writer) {
		if (!config.specificReader()) {
			return new GenericDatumReader<>(writer, writer, GenericData.get());
		}
		SpecificData model = SpecificData.get();
		Class<?> type = model.getClass(writer);
		if (type == null || type == Object.class) {
			throw new SerializationException("No generated class " + writer.getFullName() + " for schema id "
					+ schemaId + " on topic " + topic + " (specific.avro.reader=true)");
		}
		SpecificData typeModel = SpecificData.getForClass(type);
		return new SpecificDatumReader<>(writer, typeModel.getSchema(type), typeModel);
	}

	private Schema writerSchema(String topic, int schemaId) {
		try {
			return client.getById(schemaId);
		}
		catch (SchemaRegistryException e) {
			String what = e.isNotFound() ? "Unknown schema id " + schemaId : "No schema for id " + schemaId;
			throw new SerializationException(what + " on topic " + topic + ": " + e.getMessage(), e);
		}
	}
}
