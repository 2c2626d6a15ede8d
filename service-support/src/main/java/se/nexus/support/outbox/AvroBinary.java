package se.nexus.support.outbox;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.avro.specific.SpecificRecord;

/**
 * An event as plain Avro binary, without the registry's framing, named by the full name of its generated class: how
 * the outbox keeps an event until it is published, and the dead-letter store a parked record until it is applied.
 */
public final class AvroBinary {

    private static final Map<String, SpecificDatumReader<SpecificRecord>> READERS = new ConcurrentHashMap<>();

    private AvroBinary() {
    }

    @SuppressWarnings("unchecked")
    public static byte[] encode(SpecificRecord event) {
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

    /** The event of this type (its generated class's name) that these bytes encode. */
    public static SpecificRecord decode(String eventType, byte[] payload) {
        try {
            return READERS.computeIfAbsent(eventType, AvroBinary::readerFor)
                .read(null, DecoderFactory.get().binaryDecoder(payload, null));
        } catch (IOException e) {
            throw new UncheckedIOException("Unreadable " + eventType, e);
        }
    }

    @SuppressWarnings("unchecked")
    private static SpecificDatumReader<SpecificRecord> readerFor(String eventType) {
        try {
            return new SpecificDatumReader<>((Class<SpecificRecord>) Class.forName(eventType));
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException("No event class " + eventType, e);
        }
    }
}
