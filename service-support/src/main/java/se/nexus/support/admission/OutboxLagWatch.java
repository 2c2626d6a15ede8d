package se.nexus.support.admission;

import java.time.Duration;
import java.util.function.Supplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import se.nexus.support.outbox.OutboxLag;

/**
 * The outbox lag as last measured, measured again every {@code lag-refresh} on a thread of its own, so that admitting
 * a request never waits for the database. The measure is the one of the gauge and the readiness check.
 */
class OutboxLagWatch extends PeriodicMeasure implements Supplier<Duration> {

    private static final Logger log = LoggerFactory.getLogger(OutboxLagWatch.class);

    private final OutboxLag lag;
    private volatile Duration latest = Duration.ZERO;

    OutboxLagWatch(OutboxLag lag, Duration interval) {
        super("outbox-lag-watch", interval);
        this.lag = lag;
    }

    @Override
    public Duration get() {
        return latest;
    }

    /** Keeps the last measure when the database does not answer: the requests that need it fail on their own. */
    @Override
    void measure() {
        try {
            latest = lag.current();
        } catch (RuntimeException e) {
            log.debug("Outbox lag not measured ({}); admission keeps the last measure", e.getMessage());
        }
    }
}
