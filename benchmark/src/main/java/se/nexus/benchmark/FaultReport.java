package se.nexus.benchmark;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/** The fault suite's figures: one row per fault, then what each fault showed beyond them. */
record FaultReport(String run, Instant started, long seconds, List<FaultRun.Result> faults) {

    void write(Path dir) throws IOException {
        Files.createDirectories(dir);
        JsonMapper json = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();
        Files.writeString(dir.resolve("fault-report.json"), json.writeValueAsString(this));
        Files.writeString(dir.resolve("fault-report.md"), markdown());
    }

    String markdown() {
        StringBuilder md = new StringBuilder("# Nexus fault suite\n\n");
        md.append("Run: ").append(run).append("; started ").append(started).append(", took ").append(seconds / 60)
            .append(" min ").append(seconds % 60).append(" s.\n\n");
        md.append("Lost and duplicated must be 0. Recovery: from the fault's end (the dependency back) until every "
            + "event written before it is in the audit chain and notified and the fault's own effects have cleared. "
            + "5xx explained: every 5xx came while the dependency was away or the platform caught up, with "
            + "Retry-After.\n\n");
        md.append(HEADER);
        faults.forEach(result -> md.append(row(result)));
        for (FaultRun.Result result : faults) {
            md.append("\n## ").append(result.fault()).append("\n\n");
            md.append("- lost by kind: ").append(nonZero(result.lostBy())).append('\n');
            md.append("- duplicated by kind: ").append(nonZero(result.duplicatedBy())).append('\n');
            md.append("- requests that took effect although the client saw no success: ")
                .append(result.effectsWithoutAnswer()).append('\n');
            md.append("- cases not started because every worker was busy: ").append(result.casesNotStarted()).append('\n');
            result.findings().forEach(line -> md.append("- ").append(line).append('\n'));
        }
        return md.toString();
    }

    private static final String HEADER = "| fault | away (s) | requests accepted | lost | duplicated | recovery (s) "
        + "| client errors by status and problem type | 5xx explained |\n|---|---|---|---|---|---|---|---|\n";

    /** One fault's table row; the suite prints it as soon as the fault is done. */
    static String row(FaultRun.Result r) {
        return String.format(Locale.ROOT, "| %s | %.1f | %d | %d | %d | %s | %s | %s |%n", r.fault(), r.outageSeconds(),
            r.requestsAccepted(), r.lost(), r.duplicated(),
            r.recoverySeconds() == null ? "not within the timeout" : String.format(Locale.ROOT, "%.1f", r.recoverySeconds()),
            r.errors().isEmpty() ? "none" : r.errors().entrySet().stream().map(e -> e.getKey() + ": " + e.getValue())
                .collect(Collectors.joining(", ")),
            r.serverErrors() == 0 ? "no 5xx" : r.serverErrorsExplained() ? "yes (" + r.serverErrors() + ")"
                : "NO: " + r.serverErrorsOutsideOutage() + " outside, " + r.serverErrorsWithoutRetryAfter()
                    + " without Retry-After");
    }

    private static String nonZero(Map<String, Long> counts) {
        String text = counts.entrySet().stream().filter(e -> e.getValue() != 0).map(e -> e.getKey() + " " + e.getValue())
            .collect(Collectors.joining(", "));
        return text.isEmpty() ? "none" : text;
    }
}
