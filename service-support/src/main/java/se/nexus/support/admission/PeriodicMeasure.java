package se.nexus.support.admission;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.springframework.context.SmartLifecycle;

/**
 * A measure that admission reads, taken again every interval on a daemon thread of its own, so that admitting a request
 * never waits for the database or the broker.
 */
abstract class PeriodicMeasure implements SmartLifecycle {

    private final String threadName;
    private final Duration interval;
    private volatile ScheduledExecutorService timer;

    PeriodicMeasure(String threadName, Duration interval) {
        this.threadName = threadName;
        this.interval = interval;
    }

    /** Takes the measure; must not throw, keeping the last one where it cannot be taken. */
    abstract void measure();

    @Override
    public void start() {
        ScheduledExecutorService started = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, threadName);
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
