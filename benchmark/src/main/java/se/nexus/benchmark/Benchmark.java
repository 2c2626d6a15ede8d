package se.nexus.benchmark;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import se.nexus.infrastructure.Database;

/**
 * Measures the whole platform against this machine's own ceiling (issue 6): starts the local platform (or
 * targets a running one), drives complete cases through the HTTP API, reads what the services stored, measures
 * the raw Kafka and PostgreSQL rates on the same servers, and writes target/benchmark-report.{json,md}.
 */
public final class Benchmark {

    private static final List<String> TOPICS = List.of("nexus.referrals", "nexus.handovers", "nexus.consents",
        "nexus.notifications");

    private Benchmark() {
    }

    public static void main(String[] args) throws Exception {
        BenchmarkOptions options = BenchmarkOptions.parse(args);
        Path root = Path.of(System.getProperty("nexus.project.root", ".")).toAbsolutePath().normalize();
        Path output = options.output().toAbsolutePath().normalize();
        Files.createDirectories(output);
        System.setProperty("benchmark.log", output.resolve("benchmark.log").toString());
        System.out.printf("Nexus benchmark: %s%n", describe(options));
        int exit = 0;
        try {
            Report report = nexus(options, root, output);
            if (options.comparePeer() || !options.sweep().isEmpty()) {
                report = PeerComparison.run(report, options, root, output.resolve("peer"));
            }
            report = report.withGoals(Goals.of(report, options));
            report.write(output);
            System.out.print(ReportText.summary(report));
            System.out.printf("%nReport: %s and %s%n", output.resolve("benchmark-report.md"),
                output.resolve("benchmark-report.json"));
        } catch (Exception e) {
            System.err.println("Benchmark failed: " + e);
            e.printStackTrace();
            exit = 1;
        }
        System.exit(exit);
    }

    /** Everything measured on Nexus; its platform is stopped before the peer starts, so they never compete. */
    private static Report nexus(BenchmarkOptions options, Path root, Path output) throws Exception {
        Platform platform = open(options, root, output);
        try {
            Report report = new Benchmark().measure(platform, options, output);
            String postgres = ReportText.postgres(report.run().postgresSettings());
            List<Report.Step> steps = new ArrayList<>();
            for (double rate : options.sweep()) {
                System.out.printf("Latency curve, Nexus: %s submits/s for %d s ...%n", Report.f(rate),
                    options.sweepStep().toSeconds());
                Report.Submits step = PeerComparison.step(SubmitTarget.nexus(platform), options, rate, postgres);
                steps.add(new Report.Step(rate, step, null));
            }
            Report.Submits submits = report.submits();
            if (options.comparePeer() && submits == null) {
                System.out.printf("Submit-only run on Nexus for the comparison: %s ...%n",
                    options.submitLoad().describe());
                submits = PeerComparison.submits(SubmitTarget.nexus(platform), options, postgres);
            }
            return new Report(report.run(), report.throughput(), report.http(), report.httpStatuses(),
                report.httpStatusesWholeRun(), report.submitToNotified(), report.submitToAudited(),
                report.reconciliation(), report.kafkaRecords(), report.resources(), report.ceiling(), report.profiles(),
                submits, null, steps, List.of());
        } finally {
            System.out.println("Stopping the platform ...");
            platform.close();
        }
    }

    private static Platform open(BenchmarkOptions options, Path root, Path output) throws IOException {
        if (!options.startsPlatform()) {
            return Platform.running(options, root);
        }
        Path data = output.resolve("platform");
        deleteRecursively(data);
        System.out.println("Starting the local platform (fresh data in " + data + ") ...");
        return Platform.start(options, root, data);
    }

    private Report measure(Platform platform, BenchmarkOptions options, Path output) throws Exception {
        Ledgers ledgers = new Ledgers(platform);
        Map<String, String> postgresSettings = ledgers.durabilitySettings();
        Map<String, Path> recordings = FlightRecordings.files(output.resolve("jfr"),
            List.of(Platform.REFERRAL, Platform.NOTIFICATION, Platform.AUDIT, "launcher"));
        ResourceWindow window = new ResourceWindow(platform, ledgers, options.profile(), recordings);
        CaseTraffic traffic = new CaseTraffic(platform, options);
        Instant since = Instant.now().minusMillis(500);
        Map<String, Long> offsetsBefore = Ceilings.endOffsets(platform.kafka(), TOPICS);
        System.out.println("Priming: one complete case (consent, handover) through the whole pipeline ...");
        if (!traffic.prime()) {
            throw new IllegalStateException("The priming case failed: " + traffic.statuses());
        }
        Duration primed = ledgers.awaitFirstDelivery(Duration.ofMinutes(3));
        System.out.printf("  first case notified and audited after %.1f s%n", primed.toMillis() / 1000.0);
        double idleMemoryMb = window.platformMemoryMbNow();
        System.out.printf("Warm-up %d s, then %d s measured (%s) ...%n", options.warmup().toSeconds(),
            options.duration().toSeconds(), options.submitMode() ? "submits only" : "complete cases");
        Runnable open = () -> { window.open(); System.out.println("  measured window open"); };
        Runnable close = () -> { window.close(); System.out.println("  measured window closed; draining ..."); };
        SubmitTraffic.Result submitted = null;
        CaseTraffic.Result result;
        if (options.submitMode()) {
            submitted = new SubmitTraffic(SubmitTarget.nexus(platform)).run(options.submitLoad(), options.warmup(),
                options.duration(), options.drain(), ReportText.postgres(postgresSettings), open, close);
            result = asCases(submitted);
        } else {
            result = traffic.run(options.warmup(), options.duration(), open, close);
        }
        window.problems().forEach(problem -> System.out.println("  (resource window: " + problem + ")"));
        Duration settle = ledgers.settle(since, Duration.ofMinutes(3));
        System.out.printf("  pipeline settled after %.1f s; reading the databases ...%n", settle.toMillis() / 1000.0);
        Map<String, Long> offsetsAfter = Ceilings.endOffsets(platform.kafka(), TOPICS);
        Ledgers.EndToEnd endToEnd = ledgers.endToEnd(result.windowStart(), result.windowEnd());
        Ledgers.WindowEvents events = ledgers.windowEvents(result.windowStart(), result.windowEnd());
        Ledgers.Reconciliation reconciliation = ledgers.reconcile(since);
        Map<String, Report.KafkaRecords> kafkaRecords = kafkaRecords(offsetsBefore, offsetsAfter, reconciliation, ledgers, since);
        double seconds = Duration.between(result.windowStart(), result.windowEnd()).toNanos() / 1e9;
        Report.Throughput throughput = throughput(result, events, seconds);
        Report.Resources resources = new Report.Resources(window.machineCpuPercent(), window.otherCpuPercent(), window.processes(),
            window.launcherThreads(), window.commits(), window.commits().values().stream().mapToLong(Long::longValue).sum() / seconds);
        Report.Ceiling ceiling = options.ceilings() ? ceiling(platform, options, throughput, resources, kafkaRecords, seconds) : null;
        List<FlightRecordings.Profile> profiles = options.profile() ? profiles(recordings, window) : List.of();
        Report.Run run = new Report.Run(result.started().toString(), platform.started() ? "platform started by the benchmark"
            : "running platform " + options.target(), seconds, options.warmup().toSeconds(),
            options.submitMode() ? "submits only, " + options.submitLoad().describe()
                : options.closedLoop() ? "closed loop (as fast as accepted)" : "open loop at " + options.rate() + " cases/s",
            options.concurrency(), options.handoverShare(), options.consentShare(), options.profile(),
            Runtime.getRuntime().availableProcessors(), memoryMb(), System.getProperty("java.version"),
            platform.started() ? "-Xmx" + options.serviceHeap() + " -Xms" + options.serviceHeap()
                + (options.serviceJvmFlags().isEmpty() ? " (C2 on)" : " " + String.join(" ", options.serviceJvmFlags())) + ", "
                + options.instances() + " instance(s) of each API service" : "as started",
            settle.toMillis() / 1000.0, postgresSettings, platform.readySeconds(), idleMemoryMb,
            window.platformMemoryMbAtClose());
        Map<String, Report.Latency> http = new LinkedHashMap<>();
        result.endpoints().latencies().forEach((endpoint, histogram) -> http.put(endpoint, Report.Latency.of(histogram, 0)));
        return new Report(run, throughput, http, result.endpoints().outcomes(), result.endpoints().allOutcomes(),
            Report.Latency.of(endToEnd.toNotified(), endToEnd.notNotified()),
            Report.Latency.of(endToEnd.toAudited(), endToEnd.notAudited()), reconciliation, kafkaRecords, resources,
            ceiling, profiles, submitted == null ? null : submitted.figures(), null, List.of(), List.of());
    }

    /**
     * A submit-only run in the shape of a cases run, for the figures both share: every accepted submit is a case
     * started, none is completed; answers other than 201 count as aborted, submits the driver could not send as
     * not started.
     */
    private static CaseTraffic.Result asCases(SubmitTraffic.Result submitted) {
        Report.Submits s = submitted.figures();
        long requests = s.statuses().values().stream().mapToLong(Long::longValue).sum();
        return new CaseTraffic.Result(submitted.windowStart(), submitted.windowStart(), submitted.windowEnd(),
            Instant.now(), s.acceptedInRun(), 0, requests - s.acceptedInWindow(), s.notSent(), s.acceptedInWindow(), 0,
            requests, submitted.endpoints());
    }

    private static Report.Throughput throughput(CaseTraffic.Result result, Ledgers.WindowEvents events, double seconds) {
        return new Report.Throughput(result.referralsSubmittedInWindow() / seconds,
            result.casesCompletedInWindow() / seconds, result.requestsInWindow() / seconds,
            events.referralEvents() / seconds, events.notificationEvents() / seconds,
            (events.referralEvents() + events.notificationEvents()) / seconds, events.auditEntries() / seconds,
            result.casesStarted(), result.casesCompleted(), result.casesAborted(), result.casesNotStarted());
    }

    private static Map<String, Report.KafkaRecords> kafkaRecords(Map<String, Long> before, Map<String, Long> after,
            Ledgers.Reconciliation reconciliation, Ledgers ledgers, Instant since) throws Exception {
        Map<String, Long> rows = ledgers.outboxRowsByTopic(since);
        Map<String, Report.KafkaRecords> records = new LinkedHashMap<>();
        for (String topic : TOPICS) {
            records.put(topic, new Report.KafkaRecords(after.getOrDefault(topic, 0L) - before.getOrDefault(topic, 0L),
                rows.getOrDefault(topic, 0L)));
        }
        return records;
    }

    private static Report.Ceiling ceiling(Platform platform, BenchmarkOptions options, Report.Throughput throughput,
            Report.Resources resources, Map<String, Report.KafkaRecords> kafkaRecords, double seconds) {
        Ceilings.KafkaCeiling kafka = null;
        List<Ceilings.PostgresCeiling> postgres = new ArrayList<>();
        try {
            System.out.println("Ceiling: raw Kafka produce rate (1 KB, acks=all) ...");
            kafka = Ceilings.kafka(platform.kafka(), 200_000, options.ceilingDuration());
            Database scratch = platform.database("benchmark_ceiling");
            for (int connections : List.of(1, 4)) {
                System.out.printf("Ceiling: raw PostgreSQL commit rate, %d connection(s) ...%n", connections);
                postgres.add(Ceilings.postgres(scratch, connections, options.ceilingDuration()));
            }
        } catch (Exception e) {
            System.out.println("  ceiling measurement failed: " + e);
        }
        double kafkaRate = kafka == null ? 0 : kafka.recordsPerSecond();
        double kafkaRecordsPerSecond = kafkaRecords.values().stream().mapToLong(Report.KafkaRecords::records).sum() / seconds;
        double pg1 = postgres.isEmpty() ? 0 : postgres.get(0).commitsPerSecond();
        double pgN = postgres.stream().mapToDouble(Ceilings.PostgresCeiling::commitsPerSecond).max().orElse(0);
        return new Report.Ceiling(kafka, postgres, percent(throughput.eventsPerSecond(), kafkaRate),
            percent(kafkaRecordsPerSecond, kafkaRate), percent(throughput.referralsPerSecond(), pg1),
            percent(resources.commitsPerSecond(), pgN));
    }

    private static double percent(double part, double whole) {
        return whole <= 0 ? 0 : 100 * part / whole;
    }

    private static List<FlightRecordings.Profile> profiles(Map<String, Path> recordings, ResourceWindow window) {
        List<FlightRecordings.Profile> profiles = new ArrayList<>();
        recordings.forEach((process, file) -> {
            if (!Files.isRegularFile(file)) {
                return;
            }
            try {
                FlightRecordings.writeSummary(file);
                profiles.add(FlightRecordings.summarise(process, file));
            } catch (IOException e) {
                System.out.println("  could not read " + file + ": " + e);
            }
        });
        return profiles;
    }

    private static long memoryMb() {
        try {
            String meminfo = Files.readString(Path.of("/proc/meminfo"));
            String total = meminfo.substring(meminfo.indexOf("MemTotal:") + 9).trim();
            return Long.parseLong(total.substring(0, total.indexOf(' '))) / 1024;
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }

    private static String describe(BenchmarkOptions o) {
        return String.format("%s: %d s warm-up + %d s measured, %s, concurrency %d, %d instance(s), %s",
            o.mode(), o.warmup().toSeconds(), o.duration().toSeconds(),
            o.closedLoop() ? "closed loop" : o.rate() + " per second open loop", o.concurrency(), o.instances(),
            o.startsPlatform() ? "starting the platform (PostgreSQL " + (o.durable() ? "durable" : "fsync off") + ")"
                : "against " + o.target());
    }

    private static void deleteRecursively(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }
}
