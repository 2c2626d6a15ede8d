package se.nexus.benchmark;

import static se.nexus.benchmark.Report.f;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/** The report as Markdown, and the short table printed at the end of a run. */
final class ReportText {

    private ReportText() {
    }

    static String summary(Report r) {
        StringBuilder s = new StringBuilder();
        Report.Throughput t = r.throughput();
        s.append(String.format("%n=== Nexus benchmark: %s s measured after %s s warm-up, %s, %s ===%n",
            f(r.run().windowSeconds()), f(r.run().warmupSeconds()), r.run().load(), r.run().mode()));
        row(s, "PostgreSQL measured with", postgres(r.run().postgresSettings()));
        row(s, "referrals/s accepted (submit 201)", f(t.referralsPerSecond()));
        row(s, "complete cases/s", f(t.casesCompletedPerSecond()));
        row(s, "HTTP requests/s", f(t.httpRequestsPerSecond()));
        row(s, "events/s (referral service outbox)", f(t.referralEventsPerSecond()));
        row(s, "events/s (all, incl. CoordinatorNotified)", f(t.eventsPerSecond()));
        row(s, "audit entries/s appended", f(t.auditEntriesPerSecond()));
        row(s, "submit -> notified p50/p95/p99/max ms", latency(r.submitToNotified()));
        row(s, "submit -> audited  p50/p95/p99/max ms", latency(r.submitToAudited()));
        Report.Latency submit = r.http().get("submit");
        if (submit != null) {
            row(s, "HTTP submit p50/p95/p99/max ms", latency(submit));
        }
        Ledgers.Reconciliation c = r.reconciliation();
        row(s, "reconciliation", (c.consistent() ? "OK" : "NOT CONSISTENT") + String.format(
            ": %d events, %d missing / %d duplicated in audit, %d unpublished; %d notifications, %d missing / %d duplicate",
            c.referralOutboxEvents() + c.notificationOutboxEvents(), c.missingFromAudit(), c.duplicatedInAudit(),
            c.unpublished(), c.notifications(), c.missingNotifications(), c.duplicateNotifications()));
        row(s, "HTTP errors (whole run)", errors(r.httpStatusesWholeRun()));
        row(s, "machine CPU (% of all cores)", f(r.resources().machineCpuPercentOfAllCores()));
        row(s, "  outside the platform (% of a core)", f(r.resources().otherProcessesCpuPercentOfOneCore()));
        r.resources().processes().forEach((name, use) -> row(s, "  " + name + " CPU % of a core / RSS MB",
            f(use.cpuPercentOfOneCore()) + " / " + f(use.rssMb())));
        if (r.submits() != null) {
            comparison(r).forEach(line -> row(s, line[0], String.join(" | ", Arrays.copyOfRange(line, 1, line.length))));
        }
        if (r.ceiling() != null) {
            Report.Ceiling ceiling = r.ceiling();
            if (ceiling.kafka() != null) {
                row(s, "Kafka ceiling records/s (1 KB, acks=all)", f(ceiling.kafka().recordsPerSecond())
                    + "  -> platform events at " + f(ceiling.eventsPerSecondOfKafkaCeiling()) + " %");
            }
            ceiling.postgres().forEach(pg -> row(s, "PostgreSQL ceiling commits/s, " + pg.connections() + " conn.",
                f(pg.commitsPerSecond())));
            row(s, "referrals/s as % of 1-conn. commit ceiling", f(ceiling.referralsPerSecondOfPostgresCeiling1()));
            row(s, "platform commits/s as % of N-conn. ceiling", f(ceiling.commitsPerSecondOfPostgresCeilingN()));
        }
        return s.toString();
    }

    /** The two settings that decide whether a commit waits for the disk. */
    static String postgres(Map<String, String> settings) {
        return "fsync=" + settings.getOrDefault("fsync", "?") + ", synchronous_commit="
            + settings.getOrDefault("synchronous_commit", "?");
    }

    private static void row(StringBuilder s, String label, String value) {
        s.append(String.format("  %-44s %s%n", label, value));
    }

    private static String latency(Report.Latency l) {
        return f(l.p50()) + " / " + f(l.p95()) + " / " + f(l.p99()) + " / " + f(l.max())
            + (l.missing() > 0 ? "  (" + l.missing() + " never reached)" : "");
    }

    private static String errors(Map<String, Map<String, Long>> statuses) {
        StringBuilder errors = new StringBuilder();
        statuses.forEach((endpoint, byStatus) -> byStatus.forEach((status, n) -> {
            if (!status.startsWith("2")) {
                errors.append(endpoint).append(' ').append(status).append(": ").append(n).append("; ");
            }
        }));
        return errors.length() == 0 ? "none" : errors.toString();
    }

    static String markdown(Report r) {
        StringBuilder md = new StringBuilder("# Nexus benchmark report\n\n");
        Report.Run run = r.run();
        md.append(String.format("Started %s; %s; %s s measured after %s s warm-up; load: %s, concurrency %d; "
                + "%s %% of cases handed over, %s %% on consent; JFR %s. Machine: %d cores, %d MB, Java %s. "
                + "Service JVMs: `%s`. Pipeline settled %s s after the load stopped. PostgreSQL: %s.%n%n",
            run.startedAt(), run.mode(), f(run.windowSeconds()), f(run.warmupSeconds()), run.load(), run.concurrency(),
            f(run.handoverShare() * 100), f(run.consentShare() * 100), run.profiled() ? "on" : "off", run.cores(),
            run.memoryMb(), run.java(), run.serviceJvmOptions(), f(run.settleSeconds()), run.postgresSettings()));
        md.append("## Summary\n\n```").append(summary(r)).append("```\n\n");
        goals(md, r);
        md.append("## HTTP latency per endpoint (measured window, ms)\n\n| endpoint | requests | p50 | p95 | p99 | max | statuses |\n|---|---|---|---|---|---|---|\n");
        r.http().forEach((endpoint, l) -> md.append(String.format("| %s | %d | %s | %s | %s | %s | %s |%n", endpoint,
            l.count(), f(l.p50()), f(l.p95()), f(l.p99()), f(l.max()), r.httpStatuses().get(endpoint))));
        md.append("\n## End to end (referrals submitted in the window, ms)\n\n| path | referrals | never reached | p50 | p95 | p99 | max |\n|---|---|---|---|---|---|---|\n");
        endToEnd(md, "submit -> notification stored", r.submitToNotified());
        endToEnd(md, "submit -> audit entry appended", r.submitToAudited());
        reconciliation(md, r);
        submits(md, r);
        sweep(md, r);
        resources(md, r);
        profiles(md, r);
        return md.toString();
    }

    /**
     * The submit-only figures, Nexus beside the peer with the ratio Nexus/peer when it ran: header row first, then
     * one row per figure.
     */
    static List<String[]> comparison(Report r) {
        Report.Submits n = r.submits();
        Report.Submits p = r.peer();
        List<String[]> rows = new ArrayList<>();
        rows.add(p == null ? new String[] { "submits only", n.system() }
            : new String[] { "submits only", n.system(), p.system(), "Nexus/peer" });
        rows.add(figure("load", n.load(), p == null ? null : p.load(), Double.NaN));
        rows.add(figure("PostgreSQL", n.postgres(), p == null ? null : p.postgres(), Double.NaN));
        rows.add(rate("offered/s", n.offeredPerSecond(), p == null ? null : p.offeredPerSecond()));
        rows.add(rate("accepted/s (201)", n.acceptedPerSecond(), p == null ? null : p.acceptedPerSecond()));
        rows.add(rate("delivered/s (consumed from Kafka)", n.deliveredPerSecond(), p == null ? null : p.deliveredPerSecond()));
        rows.add(rate("HTTP p50 ms", n.http().p50(), p == null ? null : p.http().p50()));
        rows.add(rate("HTTP p99 ms", n.http().p99(), p == null ? null : p.http().p99()));
        rows.add(rate("e2e p50 ms (start -> consumed)", n.endToEnd().p50(), p == null ? null : p.endToEnd().p50()));
        rows.add(rate("e2e p99 ms", n.endToEnd().p99(), p == null ? null : p.endToEnd().p99()));
        rows.add(figure("accepted in window, not consumed in drain", String.valueOf(n.endToEnd().missing()),
            p == null ? null : String.valueOf(p.endToEnd().missing()), Double.NaN));
        rows.add(figure("lost (whole run) / duplicates", n.lost() + " / " + n.duplicates(),
            p == null ? null : p.lost() + " / " + p.duplicates(), Double.NaN));
        rows.add(figure("429 / 503 (without Retry-After) / not sent", refusals(n), p == null ? null : refusals(p),
            Double.NaN));
        return rows;
    }

    private static String refusals(Report.Submits s) {
        return s.refused429() + " / " + s.refused503() + " (" + s.refusedWithoutRetryAfter() + ") / " + s.notSent();
    }

    private static String[] rate(String label, double nexus, Double peer) {
        return figure(label, f(nexus), peer == null ? null : f(peer), peer == null || peer == 0 ? Double.NaN : nexus / peer);
    }

    private static String[] figure(String label, String nexus, String peer, double ratio) {
        if (peer == null) {
            return new String[] { label, nexus };
        }
        return new String[] { label, nexus, peer, Double.isNaN(ratio) ? "" : f(ratio) + "x" };
    }

    private static void submits(StringBuilder md, Report r) {
        if (r.submits() == null) {
            return;
        }
        md.append("\n## Submits only").append(r.peer() == null ? "" : ": Nexus and the peer side by side")
            .append("\n\nThe same driver for both: POST a referral, consume the topic its event lands on, match by key. "
                + "End to end runs from the request's start (open loop: its scheduled start) to the record consumed. "
                + "Rates over the measured window; lost = accepted in the run and not consumed within the drain.\n\n");
        List<String[]> rows = comparison(r);
        for (int i = 0; i < rows.size(); i++) {
            md.append("| ").append(String.join(" | ", rows.get(i))).append(" |\n");
            if (i == 0) {
                md.append("|---".repeat(rows.get(0).length)).append("|\n");
            }
        }
        md.append("\nHTTP answers in the window: Nexus ").append(r.submits().statuses())
            .append(r.peer() == null ? "" : "; peer " + r.peer().statuses()).append('\n');
    }

    private static void goals(StringBuilder md, Report r) {
        md.append("## Goals (issue 14)\n\n| goal | target | this run |\n|---|---|---|\n");
        r.goals().forEach(goal -> md.append(String.format("| %s | %s | %s |%n", goal.goal(), goal.target(),
            goal.measured())));
        md.append('\n');
    }

    private static void sweep(StringBuilder md, Report r) {
        if (r.sweep().isEmpty()) {
            return;
        }
        md.append("\n## Latency curve (submits only, open loop)\n\n![throughput and end-to-end latency against the "
            + "offered rate](" + LatencyCurve.FILE + ")\n\nEach rate after a short warm-up, Nexus first, then the peer "
            + "(the same rates, after Nexus's platform has stopped). Latency from each submit's scheduled start; the "
            + "peer's backlog is let drain (up to 4 min) before each rate.\n\n| offered/s | system | accepted/s | "
            + "delivered/s | e2e p50 ms | e2e p99 ms | HTTP p99 ms | not consumed in drain | 429 | 503 | not sent |\n"
            + "|---|---|---|---|---|---|---|---|---|---|---|\n");
        for (Report.Step step : r.sweep()) {
            for (Report.Submits s : new Report.Submits[] { step.nexus(), step.peer() }) {
                if (s != null) {
                    md.append(String.format("| %s | %s | %s | %s | %s | %s | %s | %d | %d | %d | %d |%n",
                        f(step.offeredPerSecond()), s.system(), f(s.acceptedPerSecond()), f(s.deliveredPerSecond()),
                        f(s.endToEnd().p50()), f(s.endToEnd().p99()), f(s.http().p99()), s.endToEnd().missing(),
                        s.refused429(), s.refused503(), s.notSent()));
                }
            }
        }
    }

    private static void endToEnd(StringBuilder md, String path, Report.Latency l) {
        md.append(String.format("| %s | %d | %d | %s | %s | %s | %s |%n", path, l.count() + l.missing(), l.missing(),
            f(l.p50()), f(l.p95()), f(l.p99()), f(l.max())));
    }

    private static void reconciliation(StringBuilder md, Report r) {
        Ledgers.Reconciliation c = r.reconciliation();
        md.append("\n## Reconciliation (whole run)\n\n");
        md.append(String.format("- %s%n- outbox events: %d from the referral service, %d from the notification service; "
                + "unpublished at the end: %d%n- audit chain: %d entries; outbox events missing: %d; duplicated: %d; "
                + "entries without an outbox row of this run: %d%n- notifications: %d routed events should give %d; "
                + "stored %d; missing %d; duplicates %d%n- events by type: %s%n",
            c.consistent() ? "**consistent**" : "**NOT consistent**", c.referralOutboxEvents(),
            c.notificationOutboxEvents(), c.unpublished(), c.auditEntries(), c.missingFromAudit(), c.duplicatedInAudit(),
            c.auditEntriesWithoutOutboxRow(), c.routedEvents(), c.expectedNotifications(), c.notifications(),
            c.missingNotifications(), c.duplicateNotifications(), c.eventsByType()));
        md.append("- Kafka records written during the run vs outbox rows (more records than rows = a batch republished, "
            + "absorbed by the consumers' idempotence): ").append(r.kafkaRecords()).append('\n');
        md.append("- HTTP answers over the whole run: ").append(r.httpStatusesWholeRun()).append('\n');
    }

    private static void resources(StringBuilder md, Report r) {
        Report.Resources res = r.resources();
        md.append(String.format("%n## CPU and memory (measured window)%n%nMachine: %s %% of all cores busy; processes outside the platform "
            + "used %s %% of one core. Commits in the window: %s (%s/s).%n%n| process | processes | CPU %% of one core | RSS MB | peak RSS MB | PSS MB |%n"
            + "|---|---|---|---|---|---|%n", f(res.machineCpuPercentOfAllCores()),
            f(res.otherProcessesCpuPercentOfOneCore()), res.commitsInWindow(),
            f(res.commitsPerSecond())));
        res.processes().forEach((name, u) -> md.append(String.format("| %s | %d | %s | %s | %s | %s |%n", name,
            u.processes(), f(u.cpuPercentOfOneCore()), f(u.rssMb()), f(u.peakRssMb()), f(u.pssMb()))));
        md.append("\nLauncher JVM threads (CPU % of one core): ").append(res.launcherThreadsCpuPercent()).append('\n');
        if (r.ceiling() != null) {
            md.append("\n## Ceilings of this machine (same servers, after the run)\n\n");
            if (r.ceiling().kafka() != null) {
                var k = r.ceiling().kafka();
                md.append(String.format("- Kafka: %d records of 1 KB, acks=all, to %s (%d partitions) in %s s: **%s "
                        + "records/s** (%s MB/s); producer %s%n", k.records(), k.topic(), k.partitions(), f(k.seconds()),
                    f(k.recordsPerSecond()), f(k.megabytesPerSecond()), k.producer()));
            }
            r.ceiling().postgres().forEach(pg -> md.append(String.format("- PostgreSQL: single-row INSERT, autocommit, "
                + "%d connection(s), %s s: **%s commits/s**%n", pg.connections(), f(pg.seconds()), f(pg.commitsPerSecond()))));
            md.append(String.format("- Ratios: all events/s = %s %% of the Kafka ceiling; Kafka records/s = %s %%; "
                    + "referrals/s = %s %% of the 1-connection commit rate; all commits/s = %s %% of the multi-connection "
                    + "commit rate. PostgreSQL settings: %s%n", f(r.ceiling().eventsPerSecondOfKafkaCeiling()),
                f(r.ceiling().kafkaRecordsPerSecondOfKafkaCeiling()), f(r.ceiling().referralsPerSecondOfPostgresCeiling1()),
                f(r.ceiling().commitsPerSecondOfPostgresCeilingN()), r.run().postgresSettings()));
        }
    }

    private static void profiles(StringBuilder md, Report r) {
        if (r.profiles().isEmpty()) {
            return;
        }
        md.append("\n## Where the time goes (JFR, measured window)\n\nExecution samples attributed to the first "
            + "component found from the top of each stack; the hottest method of that component beside it.\n");
        for (FlightRecordings.Profile p : r.profiles()) {
            md.append(String.format("%n### %s (%d samples; GC: %d collections, %s ms paused, longest %s ms; `%s`)%n%n"
                + "| component | share | hottest method |%n|---|---|---|%n", p.process(), p.samples(), p.gcPauses(),
                f(p.gcPauseMillis()), f(p.longestGcPauseMillis()), p.file()));
            p.components().forEach(c -> md.append(String.format("| %s | %s %% | %s |%n", c.what(), f(c.percent()),
                c.hottestMethod())));
            md.append("\nTop frames (self time): ");
            p.topFrames().forEach(c -> md.append(String.format("%s %s %%; ", c.what(), f(c.percent()))));
            md.append("\n\nLongest monitor waits (ms summed): ");
            p.lockWaits().forEach(c -> md.append(String.format("%s %d; ", c.what(), c.count())));
            md.append('\n');
        }
    }
}
