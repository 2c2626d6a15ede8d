package se.nexus.support.deadletter;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.core.log.LogAccessor;
import org.springframework.kafka.support.serializer.DeserializationException;
import org.springframework.kafka.support.serializer.SerializationUtils;

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
            return new StoredRecord(AVRO, event.getSchema().getFullName(), encode(event));
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
        try {
            @SuppressWarnings("unchecked")
            Class<SpecificRecord> type = (Class<SpecificRecord>) Class.forName(eventType);
            return new SpecificDatumReader<>(type).read(null, DecoderFactory.get().binaryDecoder(payload, null));
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException("No event class " + eventType, e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static DeserializationException deserializationFailure(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof DeserializationException unreadable) {
                return unreadable;
            }
        }
        return null;
    }

    @SuppressWarnings("unchecked")
    private static byte[] encode(SpecificRecord event) {
        var out = new ByteArrayOutputStream(256);
        BinaryEncoder encoder = EncoderFactory.get().directBinaryEncoder(out, null);
        try {
            new SpecificDatumWriter<SpecificRecord>((Class<SpecificRecord>) event.getClass()).write(event, encoder);
            encoder.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
