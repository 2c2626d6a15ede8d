package se.nexus.schemas.signing;

import org.apache.kafka.common.errors.SerializationException;

/**
 * An event that does not prove who produced it; a deserialization failure, so the record goes to its dead-letter topic
 * at once, with this exception's class and message (topic and key id, never the value) as the reason.
 */
public abstract class EventSignatureException extends SerializationException {

	private static final long serialVersionUID = 1L;

	EventSignatureException(String message) {
		super(message);
	}
}
