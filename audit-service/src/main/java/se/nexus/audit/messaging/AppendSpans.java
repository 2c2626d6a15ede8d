package se.nexus.audit.messaging;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import io.micrometer.tracing.Span;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.propagation.Propagator;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;

/**
 * One span per appended event, continuing the trace its record carries ({@code traceparent}), so that the trace of a
 * referral's submit ends in the audit chain (docs/architecture.md, observability). The listener takes a batch at a time,
 * which Spring Kafka's per-record observation does not cover; the spans end when the batch's transaction has ended.
 * Without a tracer, or for a record without a trace, there is no span.
 */
final class AppendSpans {

    private static final Propagator.Getter<Headers> HEADERS = (headers, key) -> {
        Header header = headers.lastHeader(key);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    };

    private final Tracer tracer;
    private final Propagator propagator;

    AppendSpans(Tracer tracer, Propagator propagator) {
        this.tracer = tracer;
        this.propagator = propagator;
    }

    /** The spans of a batch, started now. */
    Batch start(List<? extends ConsumerRecord<?, ?>> records) {
        List<Span> spans = new ArrayList<>(records.size());
        if (tracer != null && propagator != null) {
            for (ConsumerRecord<?, ?> record : records) {
                if (record.headers().lastHeader("traceparent") != null) {
                    spans.add(propagator.extract(record.headers(), HEADERS)
                        .name("audit append " + record.topic())
                        .kind(Span.Kind.CONSUMER)
                        .tag("messaging.destination.name", record.topic())
                        .start());
                }
            }
        }
        return new Batch(spans);
    }

    /** A batch's spans: ended together, with the error if the batch failed. */
    record Batch(List<Span> spans) {

        void end(Throwable failure) {
            for (Span span : spans) {
                if (failure != null) {
                    // The kind of failure only: a message may quote what the record held.
                    span.tag("error", failure.getClass().getSimpleName());
                }
                span.end();
            }
        }
    }
}
