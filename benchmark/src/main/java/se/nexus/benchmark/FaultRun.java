package se.nexus.benchmark;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * One fault under steady open-loop load: load for a lead-in, the fault, load on while the platform recovers, then
 * the reconciliation of everything the load did against what the services stored, as the benchmark reconciles.
 */
final class FaultRun {

    /** The event each successful step of a case writes, so that each acknowledged request's effect is checked. */
    private static final Map<String, String> EFFECTS = Map.of("consent grant", "ConsentGranted", "submit",
        "ReferralSubmitted", "receive", "ReferralReceived", "accept", "ReferralAccepted", "handover request",
        "HandoverRequested", "handover accept", "HandoverAccepted", "close", "ReferralClosed");

    private static final Duration POLL = Duration.ofMillis(500);

    private final Platform platform;
    private final Ledgers ledgers;
    private final FaultOptions options;

    FaultRun(Platform platform, Ledgers ledgers, FaultOptions options) {
        this.platform = platform;
        this.ledgers = ledgers;
        this.options = options;
    }

    /** What one fault did to the clients and to the ledgers. */
    record Result(String fault, String dependency, double outageSeconds, long requestsAccepted, long lost,
            Map<String, Long> lostBy, long duplicated, Map<String, Long> duplicatedBy, long effectsWithoutAnswer,
            Double recoverySeconds, Map<String, Long> errors, long serverErrors, long serverErrorsOutsideOutage,
            long serverErrorsWithoutRetryAfter, long casesNotStarted, List<String> findings) {

        /** 5xx came only while the dependency was away (or the platform was catching up) and each with Retry-After. */
        boolean serverErrorsExplained() {
            return serverErrorsOutsideOutage == 0 && serverErrorsWithoutRetryAfter == 0;
        }
    }

    Result run(Fault fault) throws Exception {
        System.out.printf("%nFault %s: preparing ...%n", fault.name());
        fault.prepare();
        Instant since = Instant.now();
        ConcurrentLinkedQueue<CaseTraffic.Answer> answers = new ConcurrentLinkedQueue<>();
        CaseTraffic traffic = new CaseTraffic(platform, options.load(), answers::add);
        long t0 = traffic.start();
        Threads.sleepUntil(t0 + options.leadIn().toNanos());
        System.out.printf("Fault %s: injecting under load ...%n", fault.name());
        Fault.Outage outage = fault.inject();
        System.out.printf("Fault %s: ended after %.1f s; waiting for recovery ...%n", fault.name(),
            seconds(outage.from(), outage.until()));
        Instant recovered = awaitRecovery(fault, since, outage.until());
        Threads.sleepUntil(System.nanoTime() + Math.max(0,
            Duration.between(Instant.now(), outage.until().plus(options.tail())).toNanos()));
        CaseTraffic.Result load = traffic.stop();
        Ledgers.Reconciliation settled = settle(since);
        Double recovery = recovered == null ? null : seconds(outage.until(), recovered);
        Instant outageEnd = recovered != null ? recovered : Instant.now();
        return result(fault, outage, outageEnd, recovery, List.copyOf(answers), settled, load.casesNotStarted(), since);
    }

    /**
     * Polls until every event written before the fault ended is in the audit chain and notified, and the fault's own
     * effects have cleared; returns when, or null if that did not happen within the recovery timeout.
     */
    private Instant awaitRecovery(Fault fault, Instant since, Instant faultEnd) throws Exception {
        long deadline = System.nanoTime() + options.recoveryTimeout().toNanos();
        while (System.nanoTime() < deadline) {
            Ledgers.Reconciliation before = ledgers.reconcile(since, faultEnd);
            if (before.missingFromAudit() == 0 && before.missingNotifications() == 0 && fault.recovered(since)) {
                return Instant.now();
            }
            Thread.sleep(POLL.toMillis());
        }
        return null;
    }

    /** Once the load has stopped: waits until everything it did has gone the whole way, or the timeout passes. */
    private Ledgers.Reconciliation settle(Instant since) throws Exception {
        long deadline = System.nanoTime() + options.recoveryTimeout().toNanos();
        Ledgers.Reconciliation now = ledgers.reconcile(since);
        while (!now.consistent() && System.nanoTime() < deadline) {
            Thread.sleep(POLL.toMillis());
            now = ledgers.reconcile(since);
        }
        return now;
    }

    private Result result(Fault fault, Fault.Outage outage, Instant outageEnd, Double recovery,
            List<CaseTraffic.Answer> answers, Ledgers.Reconciliation settled, long notStarted, Instant since)
            throws Exception {
        Map<String, Long> succeeded = new TreeMap<>();
        Map<String, Long> errors = new TreeMap<>();
        long serverErrors = 0;
        long outside = 0;
        long withoutRetryAfter = 0;
        for (CaseTraffic.Answer answer : answers) {
            if (answer.succeeded()) {
                succeeded.merge(answer.endpoint(), 1L, Long::sum);
                continue;
            }
            errors.merge(answer.outcome(), 1L, Long::sum);
            if (answer.status() >= 500) {
                serverErrors++;
                outside += answer.at().isBefore(outage.from()) || answer.at().isAfter(outageEnd) ? 1 : 0;
                withoutRetryAfter += answer.retryAfter() ? 0 : 1;
            }
        }
        Map<String, Long> lostBy = new LinkedHashMap<>();
        Map<String, Long> effectsBeyond = new TreeMap<>();
        lostBy.put("accepted referrals not stored", missingReferrals(answers));
        EFFECTS.forEach((endpoint, event) -> {
            long acknowledged = succeeded.getOrDefault(endpoint, 0L);
            long written = settled.eventsByType().getOrDefault(event, 0L);
            lostBy.merge("acknowledged steps without their event", Math.max(0, acknowledged - written), Long::sum);
            effectsBeyond.merge(endpoint, Math.max(0, written - acknowledged), Long::sum);
        });
        lostBy.put("events never published", settled.unpublished());
        lostBy.put("events missing from the audit chain", settled.missingFromAudit());
        lostBy.put("notifications missing", settled.missingNotifications());
        Map<String, Long> duplicatedBy = new LinkedHashMap<>();
        duplicatedBy.put("events more than once in the audit chain", settled.duplicatedInAudit());
        duplicatedBy.put("notifications more than once", settled.duplicateNotifications());
        List<String> findings = new ArrayList<>(fault.findings(since));
        return new Result(fault.name(), fault.dependency(), seconds(outage.from(), outage.until()),
            succeeded.values().stream().mapToLong(Long::longValue).sum(), sum(lostBy), lostBy, sum(duplicatedBy),
            duplicatedBy, sum(effectsBeyond), recovery, errors, serverErrors, outside, withoutRetryAfter, notStarted,
            findings);
    }

    /** Referrals the API answered 201 for that the referral service's database does not hold. */
    private long missingReferrals(List<CaseTraffic.Answer> answers) throws SQLException {
        Set<String> accepted = new HashSet<>();
        answers.stream().filter(a -> a.endpoint().equals("submit") && a.succeeded() && a.id() != null)
            .forEach(a -> accepted.add(a.id()));
        if (accepted.isEmpty()) {
            return 0;
        }
        try (Connection connection = Platform.connect(platform.database("referral"));
                PreparedStatement query = connection.prepareStatement(
                    "SELECT count(*) FROM referrals WHERE id = ANY(?::uuid[])")) {
            query.setArray(1, connection.createArrayOf("text", accepted.toArray()));
            try (ResultSet rows = query.executeQuery()) {
                rows.next();
                return accepted.size() - rows.getLong(1);
            }
        }
    }

    private static long sum(Map<String, Long> counts) {
        return counts.values().stream().mapToLong(Long::longValue).sum();
    }

    private static double seconds(Instant from, Instant to) {
        return Duration.between(from, to).toMillis() / 1000.0;
    }
}
