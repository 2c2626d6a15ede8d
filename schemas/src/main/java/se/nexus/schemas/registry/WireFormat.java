package se.nexus.schemas.registry;

import java.nio.ByteBuffer;

import org.apache.kafka.common.errors.SerializationException;

/** Confluent's framing: magic byte 0, then the schema id as a 4-byte big-endian int, then the Avro binary body. */
final class WireFormat {

	static final byte MAGIC_BYTE = 0;

	static final int HEADER_SIZE = 5;

	private WireFormat() {
	}

	static ByteBuffer header(int schemaId) {
		return ByteBuffer.allocate(HEADER_SIZE).put(MAGIC_BYTE).putInt(schemaId).flip();
	}

	/** The schema id of a framed message, after checking the frame is there at all. */
	static int schemaId(String topic, byte[] bytes) {
		if (bytes.length == 0) {
			throw new SerializationException("Empty message on topic " + topic + ": expected Confluent Avro framing");
		}
		if (bytes[0] != MAGIC_BYTE) {
			throw new SerializationException("Unknown magic byte " + bytes[0] + " on topic " + topic
					+ ": not a Confluent-framed Avro message");
		}
		if (bytes.length < HEADER_SIZE) {
			throw new SerializationException("Truncated message on topic " + topic + ": " + bytes.length
					+ " bytes, shorter than the " + HEADER_SIZE + "-byte header");
		}
		return ByteBuffer.wrap(bytes, 1, 4).getInt();
	}
}
