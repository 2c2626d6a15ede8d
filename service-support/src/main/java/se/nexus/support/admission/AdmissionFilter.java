package se.nexus.support.admission;

import java.io.IOException;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.Semaphore;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.filter.OncePerRequestFilter;

import se.nexus.support.web.Problems;

/**
 * Refuses what the instance cannot do in time, at once and before anything reads or stores the request: a change
 * while the outbox is further behind than {@code max-outbox-lag} (503: it could not be delivered in time, and taking
 * more would only lengthen the backlog), a change while the audit log is further behind than {@code audit.max-lag}
 * (503: a disclosure that may not be recorded is not made, as X-Road stops when its time-stamping falls behind), and
 * any request past {@code max-in-flight} requests in progress (429).
 * A refused request has changed nothing, so the client may send it again, with the same {@code Idempotency-Key}.
 *
 * <p>The bound is a plain {@link Semaphore}: {@code tryAcquire} never waits, so a request past the bound is answered
 * instead of queued, and that is the whole of it; a Resilience4j bulkhead would wrap the same semaphore in a
 * dependency and a configuration of its own. Reads and writes share one bound because they share the same request
 * threads, CPU and connection pool; what only writes add, outbox events, is bounded by the outbox lag instead.
 * The permit is released when the request leaves the servlet thread, so a server-sent event stream, which has its
 * own limits, holds one only while it is being opened.
 */
class AdmissionFilter extends OncePerRequestFilter {

    static final String IN_FLIGHT = "in_flight";
    static final String OUTBOX_LAG = "outbox_lag";
    static final String AUDIT_LAG = "audit_lag";
    private static final Set<String> CHANGES = Set.of("POST", "PUT", "PATCH", "DELETE");

    private final AdmissionProperties properties;
    private final Supplier<Duration> outboxLag;
    private final BooleanSupplier auditBehind;
    private final Problems problems;
    private final Semaphore inFlight;
    private final Counter refusedInFlight;
    private final Counter refusedOutboxLag;
    private final Counter refusedAuditLag;

    /**
     * With {@code outboxLag} the lag as last measured, or always zero in a service without an outbox, and
     * {@code auditBehind} whether the audit log is behind as last measured, or always false where it is not watched.
     */
    AdmissionFilter(AdmissionProperties properties, Supplier<Duration> outboxLag, BooleanSupplier auditBehind,
            Problems problems, MeterRegistry meters) {
        this.properties = properties;
        this.outboxLag = outboxLag;
        this.auditBehind = auditBehind;
        this.problems = problems;
        this.inFlight = new Semaphore(properties.maxInFlight());
        this.refusedInFlight = refusals(meters, IN_FLIGHT);
        this.refusedOutboxLag = refusals(meters, OUTBOX_LAG);
        this.refusedAuditLag = refusals(meters, AUDIT_LAG);
    }

    private static Counter refusals(MeterRegistry meters, String reason) {
        return Counter.builder("nexus.admission.refused").tag("reason", reason)
            .description("API requests refused before they were read, by reason").register(meters);
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (CHANGES.contains(request.getMethod())) {
            if (outboxLag.get().compareTo(properties.maxOutboxLag()) > 0) {
                refusedOutboxLag.increment();
                problems.write(response, deliveryBehind(), properties.outboxLagRetryAfter());
                return;
            }
            if (auditBehind.getAsBoolean()) {
                refusedAuditLag.increment();
                problems.write(response, auditBehind(), properties.audit().retryAfter());
                return;
            }
        }
        if (!inFlight.tryAcquire()) {
            refusedInFlight.increment();
            problems.write(response, overloaded(), properties.retryAfter());
            return;
        }
        try {
            chain.doFilter(request, response);
        } finally {
            inFlight.release();
        }
    }

    private static ProblemDetail deliveryBehind() {
        return Problems.of(HttpStatus.SERVICE_UNAVAILABLE, "delivery-behind",
            "The platform is behind on delivering events: nothing was changed. Reads still work; send the change "
                + "again after Retry-After seconds");
    }

    private static ProblemDetail auditBehind() {
        return Problems.of(HttpStatus.SERVICE_UNAVAILABLE, "audit-behind",
            "The audit log is behind on recording what was disclosed: until it has caught up no new disclosure is "
                + "made, and nothing was changed. Reads still work; send the change again after Retry-After seconds");
    }

    private static ProblemDetail overloaded() {
        return Problems.of(HttpStatus.TOO_MANY_REQUESTS, "overloaded",
            "The service is handling as many requests as it can: this one was not started and nothing was changed. "
                + "Send it again after Retry-After seconds");
    }
}
