package se.nexus.support.outbox;

import java.util.HashMap;
import java.util.Map;
import java.util.function.Supplier;

import io.micrometer.tracing.Span;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.propagation.Propagator;

/**
 * Carries the W3C trace context ({@code traceparent}) of the request or record that wrote an event, through its outbox
 * row, to the event's send, so that one trace covers a referral from its submit through every service that consumes
 * it (docs/architecture.md, observability). Without a tracer it carries nothing.
 */
public final class EventTrace {

    static final String TRACEPARENT = "traceparent";

    private final Tracer tracer;
    private final Propagator propagator;

    EventTrace(Tracer tracer, Propagator propagator) {
        this.tracer = tracer;
        this.propagator = propagator;
    }

    static EventTrace off() {
        return new EventTrace(null, null);
    }

    /** The traceparent of the span in progress on this thread, or null. */
    String current() {
        if (tracer == null || propagator == null) {
            return null;
        }
        Span span = tracer.currentSpan();
        if (span == null) {
            return null;
        }
        Map<String, String> carrier = new HashMap<>(4);
        propagator.inject(span.context(), carrier, Map::put);
        return carrier.get(TRACEPARENT);
    }

    /** Sends within a span that continues the event's trace; as it is where the event had none. */
    <T> T within(String traceparent, String topic, Supplier<T> send) {
        if (tracer == null || propagator == null || traceparent == null) {
            return send.get();
        }
        Span span = propagator.extract(Map.of(TRACEPARENT, traceparent), (Map<String, String> carrier, String key)
                -> carrier.get(key))
            .name("outbox publish " + topic).kind(Span.Kind.PRODUCER).start();
        try (Tracer.SpanInScope scope = tracer.withSpan(span)) {
            return send.get();
        } finally {
            span.end();
        }
    }
}
