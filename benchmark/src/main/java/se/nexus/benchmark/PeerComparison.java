package se.nexus.benchmark;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The peer measured right after Nexus, in the same sitting and by the same driver: the submit-only run with this
 * run's clients, rate and duration, then each rate of the latency curve. Same durability as Nexus.
 */
final class PeerComparison {

    /** Each rate of the curve warms up this long first: pools and JIT, not a steady state. */
    private static final Duration STEP_WARMUP = Duration.ofSeconds(3);

    /** Each rate of the curve waits this long at most for its events, so that an overloaded system ends the step. */
    private static final Duration STEP_DRAIN = Duration.ofSeconds(10);

    /**
     * Before each rate of the curve the peer's backlog (Modulith's incomplete publications) is let drain this long at
     * most: it queues what it cannot publish, and a step that began behind would be measured on the last one's events.
     */
    private static final Duration SETTLE = Duration.ofMinutes(4);

    private PeerComparison() {
    }

    /** Starts the peer, measures it and returns the report with its figures beside Nexus's. */
    static Report run(Report nexus, BenchmarkOptions options, Path root, Path runDir) throws InterruptedException {
        System.out.println("Starting the peer (Spring Modulith outbox; PostgreSQL "
            + (options.durable() ? "durable" : "fsync off") + ", embedded Kafka) ...");
        try (PeerPlatform peer = PeerPlatform.start(root, runDir, options.durable(), options.peerHeap())) {
            String postgres = peer.postgresSettings();
            System.out.printf("  peer ready at %s after %.1f s (PostgreSQL %s)%n", peer.url(), peer.readySeconds(),
                postgres);
            SubmitTarget target = SubmitTarget.peer(peer);
            Report.Submits submits = null;
            if (options.comparePeer()) {
                System.out.printf("Submit-only run on the peer: %s ...%n", options.submitLoad().describe());
                submits = submits(target, options, postgres);
            }
            List<Report.Step> steps = new ArrayList<>();
            for (Report.Step step : nexus.sweep()) {
                Duration settled = peer.awaitSettled(SETTLE);
                System.out.printf("Latency curve, peer: %s submits/s for %d s (its backlog drained in %d s) ...%n",
                    Report.f(step.offeredPerSecond()), options.sweepStep().toSeconds(), settled.toSeconds());
                steps.add(new Report.Step(step.offeredPerSecond(), step.nexus(),
                    step(target, options, step.offeredPerSecond(), postgres)));
            }
            System.out.println("Stopping the peer ...");
            return nexus.withPeer(submits, steps);
        }
    }

    /** The submit-only run with this run's load, warm-up, duration and drain. */
    static Report.Submits submits(SubmitTarget target, BenchmarkOptions options, String postgres)
            throws InterruptedException {
        return new SubmitTraffic(target).run(options.submitLoad(), options.warmup(), options.duration(),
            options.drain(), postgres, () -> { }, () -> { }).figures();
    }

    /** One rate of the latency curve, open loop. */
    static Report.Submits step(SubmitTarget target, BenchmarkOptions options, double rate, String postgres)
            throws InterruptedException {
        SubmitTraffic.Load load = new SubmitTraffic.Load(options.concurrency(), rate, options.maxInFlight());
        return new SubmitTraffic(target).run(load, STEP_WARMUP, options.sweepStep(), STEP_DRAIN, postgres, () -> { },
            () -> { }).figures();
    }
}
