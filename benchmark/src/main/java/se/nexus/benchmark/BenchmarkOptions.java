package se.nexus.benchmark;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * What one benchmark run does; every option is an argument ({@code --duration 60}) or the system property
 * {@code benchmark.<name>} ({@code -Dbenchmark.duration=60}), arguments winning.
 *
 * @param duration the measured window, after the warm-up
 * @param warmup traffic that runs first and is not measured (JIT, pools, caches)
 * @param rate cases started per second (open loop); 0 = as fast as accepted (closed loop)
 * @param concurrency cases in flight at most (closed loop: the number of workers)
 * @param handoverShare share of cases that are handed over after acceptance
 * @param consentShare share of cases submitted on a CONSENT basis after a consent grant
 * @param target base URLs of referral, notification and audit service of a running platform; empty = start one
 * @param tokenUri the token endpoint of a running platform (client credentials), with --target
 * @param jdbcBase JDBC URL up to the database name of a running platform's PostgreSQL, with --target
 * @param kafka bootstrap servers of a running platform, with --target
 * @param kafkaTls the folder of a running platform's local certificate authority (the operator's certificate
 *     nexus-operator.pem and ca.crt), with --target; empty = .nexus-local/tls in the repository
 * @param profile record the measured window with Java Flight Recorder in every JVM
 * @param ceilings measure the raw Kafka and PostgreSQL ceilings after the run
 * @param ceilingDuration how long each ceiling measurement runs at most
 * @param serviceHeap the services' -Xmx when the benchmark starts the platform
 * @param serviceJvmFlags more flags for the services' JVMs when the benchmark starts the platform, space-separated
 *     (e.g. {@code -XX:TieredStopAtLevel=1})
 * @param durable PostgreSQL with fsync and synchronous_commit on when the benchmark starts the platform (and the peer)
 * @param output where the report goes
 * @param mode {@code cases} (complete cases) or {@code submit} (submits only, events matched on Kafka, as the peer's
 *     HTTP mode)
 * @param comparePeer after Nexus, start the peer and run the same submit-only load against it
 * @param drain how long a submit-only run waits after the load for accepted referrals' events
 * @param maxInFlight open-loop submits outstanding at most; one more scheduled is not sent, and counted
 * @param peerHeap the peer launcher's -Xmx (as its run.sh)
 * @param sweep offered open-loop submit rates of the latency curve; empty = no curve
 * @param sweepStep how long each rate of the curve is measured
 * @param instances instances of each API service when the benchmark starts the platform; requests go round-robin
 * @param warmupRate cases started per second during an open-loop run's warm-up, when above {@code rate}: a light
 *     load alone would leave the JIT compilers minutes behind (five JVMs compiling on two cores); the last quarter of
 *     the warm-up (at most 15 s) runs at {@code rate}, so that what the faster start left in the pipeline has drained
 *     when the window opens
 */
record BenchmarkOptions(Duration duration, Duration warmup, double rate, int concurrency, double handoverShare,
        double consentShare, List<String> target, String tokenUri, String jdbcBase, String kafka, boolean profile,
        boolean ceilings, Duration ceilingDuration, String serviceHeap, boolean durable, Path output, String mode,
        boolean comparePeer, Duration drain, int maxInFlight, String peerHeap, List<Double> sweep, Duration sweepStep,
        int instances, double warmupRate, List<String> serviceJvmFlags, String kafkaTls) {

    static final String CASES = "cases";
    static final String SUBMIT = "submit";

    /** The latency curve's rates when --sweep names none: from light load to past what either system sustains. */
    static final String DEFAULT_SWEEP = "25,50,100,200,400,800";

    static BenchmarkOptions parse(String[] args) {
        Arguments a = new Arguments(args);
        List<String> target = a.text("target", "").isBlank() ? List.of()
            : Arrays.stream(a.text("target", "").split(",")).map(String::trim).toList();
        if (!target.isEmpty() && target.size() != 3) {
            throw new IllegalArgumentException("--target takes three URLs: referral,notification,audit");
        }
        return new BenchmarkOptions(Duration.ofSeconds(a.number("duration", 60)), Duration.ofSeconds(a.number("warmup", 90)),
            a.decimal("rate", 0), (int) a.number("concurrency", 32), a.decimal("handovers", 0.10),
            a.decimal("consents", 0.10), target, a.text("token-uri", "http://localhost:8090/oauth2/token"),
            a.text("jdbc", "jdbc:postgresql://localhost:15432/"), a.text("kafka", "127.0.0.1:19092"),
            a.flag("profile", true), a.flag("ceilings", true), Duration.ofSeconds(a.number("ceiling-duration", 15)),
            a.text("service-heap", "1g"), a.flag("durable", true),
            Path.of(a.text("output", System.getProperty("benchmark.output", "benchmark/target"))), mode(a),
            a.flag("compare-peer", false), Duration.ofSeconds(a.number("drain", 30)), (int) a.number("max-in-flight", 512),
            a.text("peer-heap", "3g"), rates(a.bare("sweep") ? DEFAULT_SWEEP : a.text("sweep", "")),
            Duration.ofSeconds(a.number("sweep-step", 20)), (int) a.number("instances", 1),
            a.decimal("warmup-rate", 20),
            Arrays.stream(a.text("service-jvm-flags", "").trim().split("\\s+")).filter(f -> !f.isEmpty()).toList(),
            a.text("kafka-tls", ""));
    }

    private static String mode(Arguments a) {
        String mode = a.text("mode", CASES).trim();
        if (!mode.equals(CASES) && !mode.equals(SUBMIT)) {
            throw new IllegalArgumentException("--mode is cases or submit, not " + mode);
        }
        return mode;
    }

    private static List<Double> rates(String list) {
        return list.isBlank() ? List.of() : Arrays.stream(list.split(",")).map(String::trim).map(Double::parseDouble).toList();
    }

    boolean submitMode() {
        return mode.equals(SUBMIT);
    }

    /** The submit-only load with this run's clients (concurrency) and rate. */
    SubmitTraffic.Load submitLoad() {
        return new SubmitTraffic.Load(concurrency, rate, maxInFlight);
    }

    boolean startsPlatform() {
        return target.isEmpty();
    }

    boolean closedLoop() {
        return rate <= 0;
    }

    /**
     * The open-loop rate at {@code sinceStart} of traffic that warms up for {@code warmup}: the warm-up's, then
     * {@code rate}; traffic without a warm-up (the fault suite's) runs at {@code rate} throughout.
     */
    double rateAt(Duration sinceStart, Duration warmup) {
        Duration atRate = warmup.dividedBy(4).compareTo(Duration.ofSeconds(15)) > 0 ? Duration.ofSeconds(15)
            : warmup.dividedBy(4);
        return sinceStart.compareTo(warmup.minus(atRate)) < 0 ? Math.max(rate, warmupRate) : rate;
    }

    /** Arguments of the form --name value or --name=value, falling back to -Dbenchmark.name. */
    static final class Arguments {

        private final List<String> args;

        Arguments(String[] args) {
            this.args = new ArrayList<>();
            for (String arg : args) {
                if (arg.startsWith("--") && arg.contains("=")) {
                    this.args.add(arg.substring(0, arg.indexOf('=')));
                    this.args.add(arg.substring(arg.indexOf('=') + 1));
                } else if (!arg.isBlank()) {
                    this.args.add(arg);
                }
            }
        }

        String text(String name, String fallback) {
            int at = args.indexOf("--" + name);
            if (at >= 0 && at + 1 < args.size()) {
                return args.get(at + 1);
            }
            return System.getProperty("benchmark." + name, fallback);
        }

        /** Whether the argument is given without a value, e.g. `--sweep` last or before another `--name`. */
        boolean bare(String name) {
            int at = args.indexOf("--" + name);
            return at >= 0 && (at + 1 == args.size() || args.get(at + 1).startsWith("--"));
        }

        long number(String name, long fallback) {
            return Long.parseLong(text(name, String.valueOf(fallback)).trim());
        }

        double decimal(String name, double fallback) {
            return Double.parseDouble(text(name, String.valueOf(fallback)).trim());
        }

        boolean flag(String name, boolean fallback) {
            if (args.contains("--no-" + name)) {
                return false;
            }
            if (bare(name)) {
                return true;
            }
            return Boolean.parseBoolean(text(name, String.valueOf(fallback)).trim());
        }
    }
}
