package se.nexus.support.deadletter;

import java.nio.charset.StandardCharsets;

import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.springframework.core.log.LogAccessor;
import org.springframework.kafka.support.serializer.DeserializationException;
import org.springframework.kafka.support.serializer.SerializationUtils;

import se.nexus.schemas.signing.EventSignatures;
import se.nexus.support.outbox.AvroBinary;

/**
 * What is kept of a record so that it can be applied later: a readable event as plain Avro binary with its class (no
 * schema registry round trip to read it back), an unreadable one as the bytes that came off the topic, to be read
 * again by the consumer's own deserializer (it may be readable once the cause is fixed).
 *
 * The record's signature and key id are kept with it: applied later, it is what the record proved when it arrived (a
 * readable record's was verified then), and the audit log records them with the event; an unreadable one is verified
 * again with them by the consumer's deserializer.
 *
 * @param format {@link #AVRO}, {@link #RAW}, or null when nothing could be kept (then it can only be resolved)
 */
record StoredRecord(String format, String eventType, byte[] payload, byte[] signature, String signingKeyId) {

    static final String AVRO = "AVRO";
    static final String RAW = "RAW";

    private static final LogAccessor LOG = new LogAccessor(StoredRecord.class);

    static StoredRecord of(ConsumerRecord<?, ?> record, Exception failure) {
        byte[] signature = EventSignatures.signatureOf(record.headers());
        String keyId = EventSignatures.keyIdOf(record.headers());
        if (record.value() instanceof SpecificRecord event) {
            return new StoredRecord(AVRO, event.getSchema().getFullName(), AvroBinary.encode(event), signature, keyId);
        }
        DeserializationException unreadable = SerializationUtils.getExceptionFromHeader(record,
            SerializationUtils.VALUE_DESERIALIZER_EXCEPTION_HEADER, LOG);
        if (unreadable == null) {
            unreadable = deserializationFailure(failure);
        }
        if (unreadable != null && unreadable.getData() != null) {
            return new StoredRecord(RAW, null, unreadable.getData(), signature, keyId);
        }
        if (record.value() instanceof byte[] bytes) {
            return new StoredRecord(RAW, null, bytes, signature, keyId);
        }
        return new StoredRecord(null, null, null, null, null);
    }

    /** The signature headers the record arrived with (none if it had none). */
    RecordHeaders headers() {
        RecordHeaders headers = new RecordHeaders();
        if (signature != null) {
            headers.add(EventSignatures.SIGNATURE_HEADER, signature);
        }
        if (signingKeyId != null) {
            headers.add(EventSignatures.KEY_ID_HEADER, signingKeyId.getBytes(StandardCharsets.UTF_8));
        }
        return headers;
    }

    /** The event as it was read; only for {@link #AVRO}. */
    SpecificRecord decode() {
        return AvroBinary.decode(eventType, payload);
    }

    private static DeserializationException deserializationFailure(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof DeserializationException unreadable) {
                return unreadable;
            }
        }
        return null;
    }

}
