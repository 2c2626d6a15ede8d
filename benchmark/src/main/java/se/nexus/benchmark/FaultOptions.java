package se.nexus.benchmark;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;

/**
 * What one fault suite run does; every option is an argument ({@code --rate 6}) or the system property
 * {@code benchmark.<name>}, arguments winning.
 *
 * @param rate cases started per second, open loop, through every fault; well below what the machine sustains, so
 *     that what the report shows is the fault and not an overload
 * @param concurrency cases in flight at most; a case that finds every worker busy is not started, and counted
 * @param faults the faults to run, in order: {@code all}, {@code short} or names such as {@code kill,poison}
 * @param leadIn load before each fault, so that it strikes mid-load
 * @param tail load after each fault has ended, at least; the load goes on while the platform recovers
 * @param kafkaDown how long Kafka stays stopped
 * @param postgresDown how long PostgreSQL stays stopped in {@code postgres-down}: longer than the consumers' bounded
 *     retries, which must wait for the database rather than dead-letter what they hold
 * @param pause how long a paused (slow) consumer stays frozen
 * @param webhookOutage how long the webhook receivers hang or answer 500
 * @param recoveryTimeout how long to wait for a recovery before reporting that it did not come
 * @param durable PostgreSQL with fsync and synchronous_commit on, as production runs it
 * @param output where the report goes
 */
record FaultOptions(double rate, int concurrency, List<String> faults, Duration leadIn, Duration tail,
        Duration kafkaDown, Duration postgresDown, Duration pause, Duration webhookOutage, Duration recoveryTimeout, boolean durable,
        Path output) {

    /** Every fault, one at a time, in the order they run. */
    static final List<String> ALL = List.of("kill-referral-service", "kill-notification-service",
        "kill-audit-service", "sigterm-referral-service", "sigterm-notification-service", "sigterm-audit-service",
        "kafka-down", "postgres-restart", "postgres-down", "pause-audit-service", "pause-notification-service", "poison",
        "webhooks");

    /** The quick check: one crash, one graceful stop and one round of poison messages. */
    static final List<String> SHORT = List.of("kill-notification-service", "sigterm-referral-service", "poison");

    static FaultOptions parse(String[] args) {
        BenchmarkOptions.Arguments a = new BenchmarkOptions.Arguments(args);
        return new FaultOptions(a.decimal("rate", 6), (int) a.number("concurrency", 64), faults(a.text("faults", "all")),
            seconds(a, "lead-in", 10), seconds(a, "tail", 10), seconds(a, "kafka-down", 30),
            seconds(a, "postgres-down", 15), seconds(a, "pause", 30),
            seconds(a, "webhook-outage", 20), seconds(a, "recovery-timeout", 180), a.flag("durable", true),
            Path.of(a.text("output", System.getProperty("benchmark.output", "benchmark/target"))));
    }

    private static Duration seconds(BenchmarkOptions.Arguments a, String name, long fallback) {
        return Duration.ofSeconds(a.number(name, fallback));
    }

    private static List<String> faults(String list) {
        if (list.isBlank() || list.trim().equals("all")) {
            return ALL;
        }
        if (list.trim().equals("short")) {
            return SHORT;
        }
        List<String> named = Arrays.stream(list.split(",")).map(String::trim).filter(s -> !s.isEmpty())
            .flatMap(name -> ALL.stream().filter(fault -> fault.equals(name) || fault.startsWith(name + "-")))
            .distinct().toList();
        if (named.isEmpty()) {
            throw new IllegalArgumentException("--faults names none of " + ALL + " (or all, short): " + list);
        }
        return named;
    }

    /** The case traffic's options: open loop at this rate, the benchmark's mix of consents and handovers. */
    BenchmarkOptions load() {
        return BenchmarkOptions.parse(new String[] {"--rate", String.valueOf(rate), "--concurrency",
            String.valueOf(concurrency), "--durable", String.valueOf(durable), "--output", output.toString(),
            "--profile", "false", "--ceilings", "false", "--sweep", ""});
    }

    String describe() {
        return String.format(java.util.Locale.ROOT, "%s cases/s open loop (at most %d in flight), lead-in %d s, "
            + "tail %d s, Kafka down %d s, PostgreSQL down %d s, pause %d s, webhook outage %d s; faults: %s",
            Report.f(rate), concurrency, leadIn.toSeconds(), tail.toSeconds(), kafkaDown.toSeconds(),
            postgresDown.toSeconds(), pause.toSeconds(), webhookOutage.toSeconds(),
            String.join(", ", faults));
    }
}
