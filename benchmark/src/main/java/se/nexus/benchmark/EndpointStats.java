package se.nexus.benchmark;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;

/** HTTP latency and outcomes per endpoint, recorded only while the measured window is open. */
final class EndpointStats {

    private final Map<String, ConcurrentHistogram> latencies = new ConcurrentHashMap<>();
    private final Map<String, Map<String, LongAdder>> outcomes = new ConcurrentHashMap<>();
    private final Map<String, Map<String, LongAdder>> allOutcomes = new ConcurrentHashMap<>();

    /** Records one answered request (status) or a failed one (the exception's class) that started at startNanos. */
    void record(String endpoint, String outcome, long startNanos, long endNanos, boolean inWindow) {
        count(allOutcomes, endpoint, outcome);
        if (!inWindow) {
            return;
        }
        count(outcomes, endpoint, outcome);
        latencies.computeIfAbsent(endpoint, e -> new ConcurrentHistogram(3_600_000_000L, 3))
            .recordValue(Math.max(1, (endNanos - startNanos) / 1000));
    }

    private static void count(Map<String, Map<String, LongAdder>> into, String endpoint, String outcome) {
        into.computeIfAbsent(endpoint, e -> new ConcurrentHashMap<>()).computeIfAbsent(outcome, o -> new LongAdder())
            .increment();
    }

    /** Latency in microseconds per endpoint, measured window only. */
    Map<String, Histogram> latencies() {
        return new TreeMap<>(latencies);
    }

    /** Answers by status per endpoint in the measured window. */
    Map<String, Map<String, Long>> outcomes() {
        return snapshot(outcomes);
    }

    /** Answers by status per endpoint over the whole run, warm-up and drain included. */
    Map<String, Map<String, Long>> allOutcomes() {
        return snapshot(allOutcomes);
    }

    private static Map<String, Map<String, Long>> snapshot(Map<String, Map<String, LongAdder>> from) {
        Map<String, Map<String, Long>> copy = new TreeMap<>();
        from.forEach((endpoint, byOutcome) -> {
            Map<String, Long> counts = new TreeMap<>();
            byOutcome.forEach((outcome, n) -> counts.put(outcome, n.sum()));
            copy.put(endpoint, counts);
        });
        return copy;
    }
}
