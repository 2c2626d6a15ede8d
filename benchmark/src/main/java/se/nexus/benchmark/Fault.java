package se.nexus.benchmark;

import java.time.Instant;
import java.util.List;

/**
 * One fault the suite injects into the running platform under load: it starts, lasts, and ends when whatever it
 * took away is back (a restarted service ready, Kafka answering, a receiver healthy again).
 */
interface Fault extends AutoCloseable {

    String name();

    /** What the fault takes away, as the report names it ("Kafka", "referral-service"). */
    String dependency();

    /** Whatever must be in place before the load starts (a receiver, a service's configuration). */
    default void prepare() throws Exception {
    }

    /** Injects the fault and returns once it has ended: when the dependency was away, from and until. */
    Outage inject() throws Exception;

    /** Whether the fault's own effects have cleared, beyond the ledgers (e.g. every poison message dealt with). */
    default boolean recovered(Instant since) throws Exception {
        return true;
    }

    /** What the fault showed beyond the per-fault figures, one line each, once the platform has settled. */
    default List<String> findings(Instant since) throws Exception {
        return List.of();
    }

    /** Stops whatever the fault started for itself (a receiver); the suite calls it once every fault has run. */
    @Override
    default void close() {
    }

    /** From when until when the dependency was away; {@code until} is when the fault ended. */
    record Outage(Instant from, Instant until) {
    }
}
