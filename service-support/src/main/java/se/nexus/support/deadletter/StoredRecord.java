package se.nexus.support.deadletter;


import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.core.log.LogAccessor;
import org.springframework.kafka.support.serializer.DeserializationException;
import org.springframework.kafka.support.serializer.SerializationUtils;

import se.nexus.support.outbox.AvroBinary;

/**
 * What is kept of a record so that it can be applied later: a readable event as plain Avro binary with its class (no
 * schema registry round trip to read it back), an unreadable one as the bytes that came off the topic, to be read
 * again by the consumer's own deserializer (it may be readable once the cause is fixed).
 *
 * @param format {@link #AVRO}, {@link #RAW}, or null when nothing could be kept (then it can only be resolved)
 */
record StoredRecord(String format, String eventType, byte[] payload) {

    static final String AVRO = "AVRO";
    static final String RAW = "RAW";

    private static final LogAccessor LOG = new LogAccessor(StoredRecord.class);

    static StoredRecord of(ConsumerRecord<?, ?> record, Exception failure) {
        if (record.value() instanceof SpecificRecord event) {
            return new StoredRecord(AVRO, event.getSchema().getFullName(), AvroBinary.encode(event));
        }
        DeserializationException unreadable = SerializationUtils.getExceptionFromHeader(record,
            SerializationUtils.VALUE_DESERIALIZER_EXCEPTION_HEADER, LOG);
        if (unreadable == null) {
            unreadable = deserializationFailure(failure);
        }
        if (unreadable != null && unreadable.getData() != null) {
            return new StoredRecord(RAW, null, unreadable.getData());
        }
        if (record.value() instanceof byte[] bytes) {
            return new StoredRecord(RAW, null, bytes);
        }
        return new StoredRecord(null, null, null);
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
