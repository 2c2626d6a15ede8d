package se.nexus.benchmark;

import static se.nexus.benchmark.Threads.daemon;
import static se.nexus.benchmark.Threads.sleepUntil;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

import org.HdrHistogram.Histogram;

/**
 * Submits only, the shape of the peer's HTTP mode: closed loop ({@code clients} threads POST back to back) or
 * open loop (a submit scheduled every 1/rate s, sent asynchronously, at most {@code maxInFlight} at once). A
 * consumer reads the topic the submitted event lands on and matches it by key, so each accepted referral gets an
 * end-to-end time: from the request's start (open loop: its scheduled start, so a slow system cannot slow the
 * load down and hide its own queueing) to the record consumed.
 */
final class SubmitTraffic {

    private static final String SUBMIT = "submit";

    private final SubmitTarget target;
    private final HttpClient http;
    private final EndpointStats stats = new EndpointStats();
    private final Map<String, long[]> accepted = new ConcurrentHashMap<>(1 << 16);
    private final LongAdder offeredInWindow = new LongAdder();
    private final LongAdder notSentInWindow = new LongAdder();
    private final LongAdder refusedWithoutRetryAfter = new LongAdder();
    private volatile long windowStart = Long.MAX_VALUE;
    private volatile long windowEnd = Long.MAX_VALUE;
    private volatile boolean stopping;

    SubmitTraffic(SubmitTarget target) {
        this.target = target;
        AtomicInteger threads = new AtomicInteger();
        this.http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .executor(Executors.newCachedThreadPool(r -> daemon(r, "bench-submit-http-" + threads.incrementAndGet())))
            .build();
    }

    /** How hard to push: a rate of 0 means closed loop with {@code clients} threads. */
    record Load(int clients, double rate, int maxInFlight) {

        boolean closedLoop() {
            return rate <= 0;
        }

        String describe() {
            return closedLoop() ? "closed loop, " + clients + " clients"
                : "open loop at " + Report.f(rate) + " submits/s";
        }
    }

    /** What one run measured, with the window for reading the databases afterwards. */
    record Result(Instant windowStart, Instant windowEnd, Report.Submits figures, EndpointStats endpoints) {
    }

    /**
     * Runs warm-up and the measured window (calling onWindowOpen/onWindowClose, e.g. for CPU), stops, waits for
     * the answers, then up to {@code drain} for the accepted referrals' events.
     */
    Result run(Load load, Duration warmup, Duration measured, Duration drain, String postgres, Runnable onWindowOpen,
            Runnable onWindowClose) throws InterruptedException {
        try (KafkaKeys keys = new KafkaKeys(target.kafka(), target.topic())) {
            long t0 = System.nanoTime();
            windowStart = t0 + warmup.toNanos();
            windowEnd = windowStart + measured.toNanos();
            List<Thread> drivers = load.closedLoop() ? closedLoop(load.clients()) : List.of(openLoop(load, t0));
            sleepUntil(windowStart);
            Instant opened = Instant.now();
            onWindowOpen.run();
            sleepUntil(windowEnd);
            Instant closed = Instant.now();
            onWindowClose.run();
            stopping = true;
            for (Thread driver : drivers) {
                driver.join(TimeUnit.SECONDS.toMillis(40));
            }
            awaitDelivery(keys, drain);
            return new Result(opened, closed, figures(load, keys, postgres), stats);
        }
    }

    private List<Thread> closedLoop(int clients) {
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < clients; i++) {
            Thread client = daemon(() -> {
                while (!stopping) {
                    long start = System.nanoTime();
                    offer(start);
                    try {
                        answered(start, http.send(target.next(), HttpResponse.BodyHandlers.ofString()), null);
                    } catch (IOException e) {
                        answered(start, null, e);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        return;
                    }
                }
            }, "bench-submit-client-" + i);
            client.start();
            threads.add(client);
        }
        return threads;
    }

    /** Paces by schedule; a submit that finds maxInFlight answers outstanding is not sent, and counted. */
    private Thread openLoop(Load load, long t0) {
        Semaphore inFlight = new Semaphore(load.maxInFlight());
        double intervalNanos = 1e9 / load.rate();
        Thread pacer = daemon(() -> {
            for (long i = 0; !stopping; i++) {
                long scheduled = t0 + (long) (i * intervalNanos);
                sleepUntil(scheduled);
                if (stopping) {
                    break;
                }
                offer(scheduled);
                if (!inFlight.tryAcquire()) {
                    if (inWindow(scheduled)) {
                        notSentInWindow.increment();
                    }
                    continue;
                }
                http.sendAsync(target.next(), HttpResponse.BodyHandlers.ofString()).whenComplete((response, error) -> {
                    answered(scheduled, response, error);
                    inFlight.release();
                });
            }
            try {
                // The answers still outstanding belong to the run: wait for them (each has a timeout).
                inFlight.tryAcquire(load.maxInFlight(), 35, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "bench-submit-pacer");
        pacer.start();
        return pacer;
    }

    private void offer(long scheduled) {
        if (inWindow(scheduled)) {
            offeredInWindow.increment();
        }
    }

    private void answered(long scheduled, HttpResponse<String> response, Throwable error) {
        long end = System.nanoTime();
        boolean counted = inWindow(scheduled);
        String outcome = response != null ? String.valueOf(response.statusCode())
            : (error.getCause() != null ? error.getCause() : error).getClass().getSimpleName();
        stats.record(SUBMIT, outcome, scheduled, end, counted);
        if (response == null) {
            return;
        }
        int status = response.statusCode();
        if ((status == 429 || status == 503) && response.headers().firstValue("Retry-After").isEmpty()) {
            refusedWithoutRetryAfter.increment();
        }
        if (status == 201) {
            String id = target.referralId(response.body());
            if (id != null) {
                accepted.put(id, new long[] { scheduled, counted ? 1 : 0 });
            }
        }
    }

    private void awaitDelivery(KafkaKeys keys, Duration drain) throws InterruptedException {
        long deadline = System.nanoTime() + drain.toNanos();
        while (System.nanoTime() < deadline && accepted.keySet().stream().anyMatch(id -> keys.firstSeen(id) == null)) {
            Thread.sleep(250);
        }
    }

    private Report.Submits figures(Load load, KafkaKeys keys, String postgres) {
        double seconds = (windowEnd - windowStart) / 1e9;
        Histogram endToEnd = new Histogram(3_600_000_000L, 3);
        long acceptedInWindow = 0;
        long deliveredInWindow = 0;
        long notDelivered = 0;
        long lost = 0;
        long duplicates = 0;
        for (Map.Entry<String, long[]> referral : accepted.entrySet()) {
            Long seen = keys.firstSeen(referral.getKey());
            duplicates += keys.duplicates(referral.getKey());
            lost += seen == null ? 1 : 0;
            deliveredInWindow += seen != null && inWindow(seen) ? 1 : 0;
            if (referral.getValue()[1] == 1) {
                acceptedInWindow++;
                if (seen == null) {
                    notDelivered++;
                } else {
                    endToEnd.recordValue(Math.max(1, (seen - referral.getValue()[0]) / 1000));
                }
            }
        }
        Histogram httpLatency = stats.latencies().get(SUBMIT);
        Map<String, Long> statuses = stats.outcomes().getOrDefault(SUBMIT, Map.of());
        return new Report.Submits(target.system(), load.describe(), postgres, seconds, offeredInWindow.sum() / seconds,
            acceptedInWindow / seconds, deliveredInWindow / seconds,
            httpLatency == null ? Report.Latency.of(new Histogram(3), 0) : Report.Latency.of(httpLatency, 0),
            Report.Latency.of(endToEnd, notDelivered), statuses, acceptedInWindow, accepted.size(), lost, duplicates,
            notSentInWindow.sum(), statuses.getOrDefault("429", 0L), statuses.getOrDefault("503", 0L),
            refusedWithoutRetryAfter.sum());
    }

    private boolean inWindow(long nanos) {
        return nanos >= windowStart && nanos < windowEnd;
    }
}
