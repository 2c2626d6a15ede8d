package se.nexus.benchmark;

import java.util.concurrent.TimeUnit;

/** How the load generators wait and start their threads. */
final class Threads {

    private Threads() {
    }

    /** Sleeps until {@code nanoTime} (of {@link System#nanoTime()}), in steps short enough to stay on time. */
    static void sleepUntil(long nanoTime) {
        long remaining;
        while ((remaining = nanoTime - System.nanoTime()) > 0) {
            try {
                TimeUnit.NANOSECONDS.sleep(Math.min(remaining, 50_000_000L));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /** A daemon thread, so that a generator never keeps the benchmark's JVM alive. */
    static Thread daemon(Runnable runnable, String name) {
        Thread thread = new Thread(runnable, name);
        thread.setDaemon(true);
        return thread;
    }
}
