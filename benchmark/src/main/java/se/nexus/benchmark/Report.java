package se.nexus.benchmark;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.HdrHistogram.Histogram;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/** Everything one run measured; written as JSON and Markdown, and summarised on the console. */
record Report(Run run, Throughput throughput, Map<String, Latency> http, Map<String, Map<String, Long>> httpStatuses,
        Map<String, Map<String, Long>> httpStatusesWholeRun, Latency submitToNotified, Latency submitToAudited,
        Ledgers.Reconciliation reconciliation, Map<String, KafkaRecords> kafkaRecords, Resources resources,
        Ceiling ceiling, List<FlightRecordings.Profile> profiles, Submits submits, Submits peer, List<Step> sweep,
        List<Goal> goals) {

    /** The same report with the peer's figures beside Nexus's: the submit-only run and the sweep's steps. */
    Report withPeer(Submits peerSubmits, List<Step> steps) {
        return new Report(run, throughput, http, httpStatuses, httpStatusesWholeRun, submitToNotified, submitToAudited,
            reconciliation, kafkaRecords, resources, ceiling, profiles, submits, peerSubmits, steps, goals);
    }

    /** The same report with the goals filled in from what it measured. */
    Report withGoals(List<Goal> measured) {
        return new Report(run, throughput, http, httpStatuses, httpStatusesWholeRun, submitToNotified, submitToAudited,
            reconciliation, kafkaRecords, resources, ceiling, profiles, submits, peer, sweep, measured);
    }

    /** One of issue 14's goals: what it asks, and what this run measured ("not measured" if it did not). */
    record Goal(String goal, String target, String measured) {
    }

    /** How the run was set up. */
    record Run(String startedAt, String mode, double windowSeconds, double warmupSeconds, String load, int concurrency,
            double handoverShare, double consentShare, boolean profiled, int cores, long memoryMb, String java,
            String serviceJvmOptions, double settleSeconds, Map<String, String> postgresSettings,
            double platformReadySeconds, double idleMemoryMb, double loadMemoryMb) {
    }

    /** Sustained rates over the measured window. */
    record Throughput(double referralsPerSecond, double casesCompletedPerSecond, double httpRequestsPerSecond,
            double referralEventsPerSecond, double notificationEventsPerSecond, double eventsPerSecond,
            double auditEntriesPerSecond, long casesStarted, long casesCompleted, long casesAborted,
            long casesNotStarted) {
    }

    /** Percentiles in milliseconds. */
    record Latency(long count, long missing, double p50, double p95, double p99, double max) {

        static Latency of(Histogram micros, long missing) {
            if (micros.getTotalCount() == 0) {
                return new Latency(0, missing, 0, 0, 0, 0);
            }
            return new Latency(micros.getTotalCount(), missing, ms(micros.getValueAtPercentile(50)),
                ms(micros.getValueAtPercentile(95)), ms(micros.getValueAtPercentile(99)), ms(micros.getMaxValue()));
        }

        private static double ms(long micros) {
            return Math.round(micros / 10.0) / 100.0;
        }
    }

    /**
     * A submit-only run as the driver saw it: rates over the measured window, HTTP latency and end to end (request
     * start, open loop its scheduled start, to the event consumed from Kafka) in ms; accepted and lost over the whole
     * run (lost = accepted, never consumed within the drain); refusals with and without Retry-After.
     */
    record Submits(String system, String load, String postgres, double windowSeconds, double offeredPerSecond,
            double acceptedPerSecond, double deliveredPerSecond, Latency http, Latency endToEnd,
            Map<String, Long> statuses, long acceptedInWindow, long acceptedInRun, long lost, long duplicates,
            long notSent, long refused429, long refused503, long refusedWithoutRetryAfter) {
    }

    /** One offered rate of the latency curve, Nexus and (if compared) the peer. */
    record Step(double offeredPerSecond, Submits nexus, Submits peer) {
    }

    /** Records written to a topic during the run, against the outbox rows that should have produced them. */
    record KafkaRecords(long records, long outboxRows) {
    }

    /** CPU over the measured window (100 = one core busy), memory at its end. */
    record Resources(double machineCpuPercentOfAllCores, double otherProcessesCpuPercentOfOneCore, Map<String, ProcessUse> processes,
            Map<String, Double> launcherThreadsCpuPercent, Map<String, Long> commitsInWindow,
            double commitsPerSecond) {
    }

    record ProcessUse(int processes, double cpuPercentOfOneCore, double rssMb, double peakRssMb, double pssMb) {
    }

    /** This machine's raw ceilings and the platform's figures as shares of them. */
    record Ceiling(Ceilings.KafkaCeiling kafka, List<Ceilings.PostgresCeiling> postgres,
            double eventsPerSecondOfKafkaCeiling, double kafkaRecordsPerSecondOfKafkaCeiling,
            double referralsPerSecondOfPostgresCeiling1, double commitsPerSecondOfPostgresCeilingN) {
    }

    void write(Path dir) throws IOException {
        Files.createDirectories(dir);
        JsonMapper json = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();
        Files.writeString(dir.resolve("benchmark-report.json"), json.writeValueAsString(this));
        Files.writeString(dir.resolve("benchmark-report.md"), ReportText.markdown(this));
        LatencyCurve.write(sweep, dir);
    }

    static String f(double value) {
        return String.format(Locale.ROOT, value >= 100 ? "%.0f" : value >= 1 || value == 0 ? "%.1f" : "%.3f", value);
    }
}
