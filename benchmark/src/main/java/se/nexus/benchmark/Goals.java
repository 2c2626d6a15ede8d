package se.nexus.benchmark;

import static se.nexus.benchmark.Report.f;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Issue 14's goals against what this run measured. A goal is filled in only when the run had its conditions
 * (e.g. 300 cases/s open loop on a durable PostgreSQL); otherwise it says "not measured" and which run would.
 */
final class Goals {

    private static final String NOT_MEASURED = "not measured";

    private Goals() {
    }

    static List<Report.Goal> of(Report r, BenchmarkOptions o) {
        boolean cases = !o.submitMode();
        boolean durable = "on".equals(r.run().postgresSettings().get("fsync"))
            && "on".equals(r.run().postgresSettings().get("synchronous_commit"));
        List<Report.Goal> goals = new ArrayList<>();
        goals.add(new Report.Goal("complete cases/s, closed loop, durable PostgreSQL", ">= 400",
            cases && o.closedLoop() && durable ? f(r.throughput().casesCompletedPerSecond())
                : NOT_MEASURED + " (--mode cases --rate 0, durable)"));
        goals.add(new Report.Goal("p99 submit -> notified / -> audited at 300 cases/s open loop", "<= 250 / <= 500 ms",
            cases && o.rate() == 300 ? f(r.submitToNotified().p99()) + " / " + f(r.submitToAudited().p99()) + " ms"
                : NOT_MEASURED + " (--rate 300)"));
        goals.add(new Report.Goal("p99 submit -> notified at 5 cases/s", "<= 50 ms",
            cases && o.rate() == 5 ? f(r.submitToNotified().p99()) + " ms" : NOT_MEASURED + " (--rate 5)"));
        goals.add(new Report.Goal("offered load at 2x capacity", "429/503 with Retry-After, lag bounded, nothing lost",
            overload(r)));
        goals.add(new Report.Goal("resident memory of the whole platform, idle / under load", "<= 1.5 GB / <= 2.5 GB",
            r.run().idleMemoryMb() > 0 ? gb(r.run().idleMemoryMb()) + " / " + gb(r.run().loadMemoryMb())
                + " GB (PSS, Kafka broker not included: it runs in the benchmark's JVM)" : NOT_MEASURED));
        goals.add(new Report.Goal("local stack ready", "<= 20 s", r.run().platformReadySeconds() > 0
            ? f(r.run().platformReadySeconds()) + " s (as the benchmark starts it: " + r.run().serviceJvmOptions()
                + ", no console; `mvn -Plocal` starts C1-only JVMs)" : NOT_MEASURED));
        goals.add(new Report.Goal("Nexus/peer, submits only (accepted/s; delivered/s)", ">= 3x", ratio(r)));
        return goals;
    }

    /**
     * From the latency curve: a Nexus step offered at least twice the most it accepted at any step, and what
     * happened there. Lag is read as events not consumed within the step's drain.
     */
    private static String overload(Report r) {
        double capacity = r.sweep().stream().mapToDouble(step -> step.nexus().acceptedPerSecond()).max().orElse(0);
        Optional<Report.Step> over = r.sweep().stream()
            .filter(step -> capacity > 0 && step.offeredPerSecond() >= 2 * capacity)
            .max(Comparator.comparingDouble(Report.Step::offeredPerSecond));
        if (over.isEmpty()) {
            return NOT_MEASURED + " (--sweep with a rate >= 2x what Nexus accepts)";
        }
        Report.Submits s = over.get().nexus();
        return String.format("at %s submits/s offered (capacity %s/s accepted): %d x 429, %d x 503, %d without "
            + "Retry-After; %d not consumed within the drain; %d lost, %d duplicates", f(s.offeredPerSecond()),
            f(capacity), s.refused429(), s.refused503(), s.refusedWithoutRetryAfter(), s.endToEnd().missing(), s.lost(),
            s.duplicates());
    }

    private static String ratio(Report r) {
        if (r.submits() == null || r.peer() == null || r.peer().acceptedPerSecond() == 0
                || r.peer().deliveredPerSecond() == 0) {
            return NOT_MEASURED + " (--compare-peer)";
        }
        return f(r.submits().acceptedPerSecond() / r.peer().acceptedPerSecond()) + "x; "
            + f(r.submits().deliveredPerSecond() / r.peer().deliveredPerSecond()) + "x (" + r.submits().load() + ")";
    }

    private static String gb(double mb) {
        return String.format(Locale.ROOT, "%.2f", mb / 1024);
    }
}
