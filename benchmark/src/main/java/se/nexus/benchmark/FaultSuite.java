package se.nexus.benchmark;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The fault suite (issue 15): starts the platform, runs steady open-loop case traffic and injects one fault at a
 * time (crashes, graceful stops, Kafka and PostgreSQL outages, slow consumers, failing webhook receivers, poison
 * messages); after each it reconciles what the clients were told against what the services stored, and writes
 * target/fault-report.{md,json}. Run with {@code mvn -pl benchmark -am -Pfaults verify}.
 */
public final class FaultSuite {

    private FaultSuite() {
    }

    public static void main(String[] args) {
        FaultOptions options = FaultOptions.parse(args);
        Path root = Path.of(System.getProperty("nexus.project.root", ".")).toAbsolutePath().normalize();
        Path output = options.output().toAbsolutePath().normalize();
        int exit = 0;
        try {
            Files.createDirectories(output);
            System.setProperty("benchmark.log", output.resolve("fault-suite.log").toString());
            System.out.printf("Nexus fault suite: %s%n", options.describe());
            FaultReport report = run(options, root, output);
            report.write(output);
            System.out.print(report.markdown());
            System.out.printf("%nReport: %s and %s%n", output.resolve("fault-report.md"),
                output.resolve("fault-report.json"));
        } catch (Exception e) {
            System.err.println("Fault suite failed: " + e);
            e.printStackTrace();
            exit = 1;
        }
        System.exit(exit);
    }

    private static FaultReport run(FaultOptions options, Path root, Path output) throws Exception {
        Instant started = Instant.now();
        Path data = Files.createTempDirectory(Files.createDirectories(output), "faults-platform-");
        System.out.println("Starting the platform in " + data + " ...");
        List<FaultRun.Result> results = new ArrayList<>();
        List<Fault> faults = new ArrayList<>();
        try (Platform platform = Platform.start(options.load(), root, data)) {
            Ledgers ledgers = new Ledgers(platform);
            prime(platform, options, ledgers);
            FaultRun run = new FaultRun(platform, ledgers, options);
            for (String name : options.faults()) {
                Fault fault = Faults.named(name, platform, options);
                faults.add(fault);
                FaultRun.Result result = run.run(fault);
                results.add(result);
                System.out.print(FaultReport.row(result));
            }
        } finally {
            faults.forEach(Fault::close);
        }
        return new FaultReport(options.describe(), started, Duration.between(started, Instant.now()).toSeconds(),
            results);
    }

    /** One complete case through every topic first, so that topic creation and group joins are not a fault's. */
    private static void prime(Platform platform, FaultOptions options, Ledgers ledgers) throws Exception {
        CaseTraffic traffic = new CaseTraffic(platform, options.load());
        long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
        while (!traffic.prime()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("No complete case within 2 minutes: " + traffic.statuses());
            }
            Thread.sleep(1000);
        }
        ledgers.awaitFirstDelivery(Duration.ofMinutes(2));
    }
}
