package se.nexus.support.admission;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

import se.nexus.support.outbox.OutboxLag;

/**
 * The outbox lag as last measured, measured again every {@code lag-refresh} on a thread of its own, so that admitting
 * a request never waits for the database. The measure is the one of the gauge and the readiness check.
 */
class OutboxLagWatch implements Supplier<Duration>, SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(OutboxLagWatch.class);

    private final OutboxLag lag;
    private final Duration interval;
    private volatile Duration latest = Duration.ZERO;
    private volatile ScheduledExecutorService timer;

    OutboxLagWatch(OutboxLag lag, Duration interval) {
        this.lag = lag;
        this.interval = interval;
    }

    @Override
    public Duration get() {
        return latest;
    }

    /** Keeps the last measure when the database does not answer: the requests that need it fail on their own. */
    void measure() {
        try {
            latest = lag.current();
        } catch (RuntimeException e) {
            log.debug("Outbox lag not measured ({}); admission keeps the last measure", e.getMessage());
        }
    }

    @Override
    public void start() {
        ScheduledExecutorService started = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "outbox-lag-watch");
            thread.setDaemon(true);
            return thread;
        });
        started.scheduleWithFixedDelay(this::measure, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
        timer = started;
    }

    @Override
    public void stop() {
        ScheduledExecutorService current = timer;
        if (current != null) {
            current.shutdownNow();
            timer = null;
        }
    }

    @Override
    public boolean isRunning() {
        return timer != null;
    }
}
