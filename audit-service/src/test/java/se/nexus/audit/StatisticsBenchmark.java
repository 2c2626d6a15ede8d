package se.nexus.audit;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.json.JsonMapper;

import se.nexus.audit.log.AuditLog;
import se.nexus.audit.log.NewEntry;
import se.nexus.audit.statistics.GroupBy;
import se.nexus.audit.statistics.Statistics;
import se.nexus.audit.statistics.StatisticsProjector;
import se.nexus.audit.statistics.StatisticsQuery;
import se.nexus.audit.statistics.StatisticsReport;

/**
 * How long the statistics take over 100,000 entries of a year of synthetic but realistic cases: the projection
 * catching up from an empty cursor, and an answer for the year by each grouping. Not a test: it asserts nothing about
 * time and runs only with {@code -Pstatistics-benchmark} (see the module README), on a PostgreSQL that syncs every
 * commit to disk, as a deployment's does. It prints its figures and writes them to
 * {@code target/statistics-benchmark.txt}.
 */
@Tag("statistics-benchmark")
@SpringBootTest(properties = {
    "spring.kafka.listener.auto-startup=false", "spring.kafka.admin.auto-create=false",
    // The benchmark runs the projection itself, to time it.
    "nexus.statistics.interval=24h" })
class StatisticsBenchmark {

    private static final int ENTRIES = 100_000;
    private static final int APPEND_BATCH = 500;
    private static final int QUERY_RUNS = 5;
    private static final YearMonth YEAR_START = YearMonth.of(2025, 1);
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final List<String> AGENCIES = List.of("se.uppsala.socialtjanst", "se.region-uppsala.vard",
        "se.polisen.region-mitt", "se.aklagarmyndigheten", "se.uppsala.nexus");
    private static final List<String> CONCERNS = List.of("THREATS", "VIOLENCE", "RESTRICTED_FREEDOM",
        "FORCED_MARRIAGE", "CHILD_MARRIAGE", "GENITAL_MUTILATION", "ABDUCTION_ABROAD", "HONOUR_NORMS", "CHILD_AT_RISK",
        "OTHER");
    private static final List<String> PROVISIONS = List.of("OSL_10_18C", "OSL_25_12", "OSL_26_9", "OSL_10_28",
        "CHILD_CONCERN_REPORT", "OSL_10_2");
    private static final List<String> DECLINES = List.of("NOT_IN_REMIT", "INSUFFICIENT_INFORMATION", "ALREADY_KNOWN",
        "REFERRED_ELSEWHERE", "NO_CONSENT", "OTHER");

    private static EmbeddedPostgres postgres;

    @Autowired
    AuditLog auditLog;
    @Autowired
    StatisticsProjector projector;
    @Autowired
    StatisticsReport report;

    /** A PostgreSQL of its own that syncs each commit to disk (the embedded default would not wait for the disk). */
    @DynamicPropertySource
    static void durableDatabase(DynamicPropertyRegistry registry) throws Exception {
        Path data = Path.of("target", "statistics-benchmark", "postgres").toAbsolutePath();
        Files.createDirectories(data);
        postgres = EmbeddedPostgres.builder().setDataDirectory(data).setCleanDataDirectory(true)
            .setServerConfig("fsync", "on").setServerConfig("synchronous_commit", "on")
            .setServerConfig("full_page_writes", "on").start();
        try (var connection = postgres.getPostgresDatabase().getConnection();
                var statement = connection.createStatement()) {
            statement.execute("CREATE DATABASE audit");
        }
        registry.add("NEXUS_DB_URL", () -> postgres.getJdbcUrl("postgres", "audit"));
        registry.add("NEXUS_DB_USERNAME", () -> "postgres");
        registry.add("NEXUS_DB_PASSWORD", () -> "postgres");
    }

    @AfterAll
    static void stopDatabase() throws IOException {
        postgres.close();
    }

    @Test
    void projectAndAnswerAYearOfAHundredThousandEntries() throws IOException {
        List<NewEntry> entries = new SyntheticYear(new Random(2025)).entries(ENTRIES);
        Map<String, String> figures = new LinkedHashMap<>();
        figures.put("entries", String.format("%,d (%s)", entries.size(), SyntheticYear.mix(entries)));

        long start = System.nanoTime();
        for (int from = 0; from < entries.size(); from += APPEND_BATCH) {
            auditLog.append(entries.subList(from, Math.min(entries.size(), from + APPEND_BATCH)));
        }
        figures.put("appending them to the chain (batches of 500)", since(start));

        start = System.nanoTime();
        long projected = projector.catchUp();
        Duration projection = Duration.ofNanos(System.nanoTime() - start);
        figures.put("projection catching up from position 0", String.format("%s for %,d entries (%,.0f entries/s)",
            millis(projection), projected, projected / (projection.toNanos() / 1e9)));

        for (GroupBy groupBy : GroupBy.values()) {
            figures.put("answer for 2025-01..2025-12, groupBy=" + groupBy.parameter(), timeAnswers(groupBy));
        }
        Statistics year = report.answer(StatisticsQuery.of("2025-01", "2025-12", null, YearMonth.of(2025, 12)));
        figures.put("what the year's answer says", "referrals " + total(year, "referrals") + ", distinct people "
            + total(year, "persons") + ", projected through position " + year.projectedThrough());
        String text = String.join("\n", figures.entrySet().stream().map(e -> e.getKey() + ": " + e.getValue()).toList());
        System.out.println("\nStatistics benchmark (PostgreSQL with fsync and synchronous_commit on)\n" + text + "\n");
        Files.writeString(Path.of("target", "statistics-benchmark.txt"), text + "\n");
    }

    /** The median and the slowest of several answers, after one to warm up. */
    private String timeAnswers(GroupBy groupBy) {
        StatisticsQuery query = StatisticsQuery.of("2025-01", "2025-12", groupBy.parameter(), YearMonth.of(2025, 12));
        report.answer(query);
        List<Long> runs = new ArrayList<>();
        for (int run = 0; run < QUERY_RUNS; run++) {
            long start = System.nanoTime();
            report.answer(query);
            runs.add((System.nanoTime() - start) / 1_000_000);
        }
        runs.sort(Comparator.naturalOrder());
        return "median " + runs.get(runs.size() / 2) + " ms, slowest " + runs.get(runs.size() - 1) + " ms of "
            + QUERY_RUNS;
    }

    private static String total(Statistics statistics, String table) {
        return String.valueOf(statistics.tables().stream().filter(each -> each.id().equals(table)).findFirst()
            .orElseThrow().total().value());
    }

    private static String since(long start) {
        return millis(Duration.ofNanos(System.nanoTime() - start));
    }

    private static String millis(Duration duration) {
        return String.format("%,d ms", duration.toMillis());
    }

    /**
     * A year of cases as the chain holds them: each referral submitted, its coordinator notified, read a few times,
     * acknowledged (mostly in time, some after an escalation, a few never), received, then accepted, declined or
     * withdrawn; some handed over, accepted ones closed. People come back: four referrals in ten are of someone
     * referred before.
     */
    private record SyntheticYear(Random random) {

        List<NewEntry> entries(int count) {
            List<Timed> timed = new ArrayList<>();
            List<String> people = new ArrayList<>();
            while (timed.size() < count + count / 10) {
                String person = people.isEmpty() || random.nextInt(10) < 6 ? "p-" + UUID.randomUUID()
                    : people.get(random.nextInt(people.size()));
                people.add(person);
                timed.addAll(referral(person));
            }
            timed.sort(Comparator.comparing(Timed::at));
            return timed.subList(0, count).stream().map(Timed::entry).toList();
        }

        static String mix(List<NewEntry> entries) {
            Map<String, Long> types = new java.util.TreeMap<>();
            entries.forEach(entry -> types.merge(entry.eventType().substring(entry.eventType().lastIndexOf('.') + 1),
                1L, Long::sum));
            return types.toString();
        }

        private List<Timed> referral(String person) {
            List<Timed> events = new ArrayList<>();
            String referral = UUID.randomUUID().toString();
            Instant submitted = YEAR_START.atDay(1).atStartOfDay().toInstant(ZoneOffset.UTC)
                .plusSeconds(random.nextLong(365L * 86_400));
            String urgency = random.nextInt(10) == 0 ? "IMMEDIATE" : random.nextInt(3) == 0 ? "URGENT" : "ROUTINE";
            int sender = random.nextInt(AGENCIES.size());
            String from = AGENCIES.get(sender);
            String to = AGENCIES.get((sender + 1 + random.nextInt(AGENCIES.size() - 1)) % AGENCIES.size());
            Map<String, Object> details = caseCodes(urgency, from, to);
            details.put("concerns", List.of(CONCERNS.get(random.nextInt(CONCERNS.size()))));
            details.put("legalBasis", random.nextInt(10) < 7 ? Map.of("type", "CONSENT", "consentId", "c-" + referral)
                : Map.of("type", "STATUTORY", "provisionCode", PROVISIONS.get(random.nextInt(PROVISIONS.size()))));
            events.add(caseEvent("referral.ReferralSubmitted", submitted, referral, person, from, to, details));
            notification(events, submitted, referral, person, urgency, to);
            for (int read = 0; read < 3; read++) {
                events.add(read(submitted.plusSeconds(600 + random.nextInt(30 * 86_400)), referral, person, to));
            }
            Instant received = submitted.plusSeconds(60 + random.nextInt(8 * 3600));
            events.add(caseEvent("referral.ReferralReceived", received, referral, person, from, to,
                caseCodes(urgency, from, to)));
            decision(events, received, referral, person, urgency, from, to);
            return events;
        }

        private void notification(List<Timed> events, Instant at, String referral, String person, String urgency,
                String agency) {
            String id = UUID.randomUUID().toString();
            long allowed = "IMMEDIATE".equals(urgency) ? 3600 : "URGENT".equals(urgency) ? 4 * 3600 : 24 * 3600;
            Instant deadline = at.plusSeconds(allowed);
            Map<String, Object> notified = caseCodes(urgency, null, null);
            notified.put("notificationId", id);
            notified.put("deadline", deadline.toEpochMilli());
            notified.put("triggerEventType", "REFERRAL_SUBMITTED");
            events.add(entry("notification.CoordinatorNotified", at.plusSeconds(1), referral, person, agency, notified));
            int outcome = random.nextInt(20);
            if (outcome >= 17) {
                events.add(entry("notification.NotificationEscalated", deadline, referral, null, agency,
                    Map.of("notificationId", id, "deadline", deadline.plusSeconds(allowed).toEpochMilli())));
            }
            if (outcome < 19) {
                long after = outcome < 17 ? random.nextLong(allowed) : allowed + random.nextLong(allowed);
                events.add(entry("notification.NotificationAcknowledged", at.plusSeconds(2 + after), referral, null,
                    agency, Map.of("notificationId", id)));
            }
        }

        private void decision(List<Timed> events, Instant received, String referral, String person, String urgency,
                String from, String to) {
            Instant decided = received.plusSeconds(600 + random.nextInt(3 * 86_400));
            int outcome = random.nextInt(20);
            if (outcome < 3) {
                Map<String, Object> declined = caseCodes(urgency, from, to);
                declined.put("reasonCode", DECLINES.get(random.nextInt(DECLINES.size())));
                events.add(caseEvent("referral.ReferralDeclined", decided, referral, person, from, to, declined));
            } else if (outcome < 5) {
                events.add(caseEvent("referral.ReferralWithdrawn", decided, referral, person, from, to,
                    caseCodes(urgency, from, to)));
            } else {
                events.add(caseEvent("referral.ReferralAccepted", decided, referral, person, from, to,
                    caseCodes(urgency, from, to)));
                if (outcome < 7) {
                    events.add(caseEvent("handover.HandoverRequested", decided.plusSeconds(86_400), referral, person,
                        to, from, caseCodes(urgency, to, from)));
                    events.add(caseEvent("handover.HandoverAccepted", decided.plusSeconds(90_000), referral, person,
                        to, from, caseCodes(urgency, to, from)));
                }
                events.add(caseEvent("referral.ReferralClosed", decided.plusSeconds(random.nextInt(60) * 86_400L),
                    referral, person, from, to, caseCodes(urgency, from, to)));
            }
        }

        private static Map<String, Object> caseCodes(String urgency, String from, String to) {
            Map<String, Object> codes = new LinkedHashMap<>();
            if (from != null) {
                codes.put("fromAgency", from);
                codes.put("toAgency", to);
            }
            codes.put("urgency", urgency);
            return codes;
        }

        private static Timed caseEvent(String type, Instant at, String referral, String person, String from, String to,
                Map<String, Object> details) {
            details.put("protectedIdentity", false);
            return new Timed(at, new NewEntry(UUID.randomUUID().toString(), "se.nexus.events." + type, "nexus.referrals",
                0, null, at, "referral-service", from, "caseworker-1", referral, person, Set.of(from, to),
                JSON.writeValueAsString(details)));
        }

        private static Timed entry(String type, Instant at, String referral, String person, String agency,
                Map<String, Object> details) {
            return new Timed(at, new NewEntry(UUID.randomUUID().toString(), "se.nexus.events." + type,
                "nexus.notifications", 0, null, at, "notification-service", agency, "coordinator-1", referral, person,
                Set.of(agency), JSON.writeValueAsString(details)));
        }

        private static Timed read(Instant at, String referral, String person, String agency) {
            return new Timed(at, new NewEntry(UUID.randomUUID().toString(), "se.nexus.events.access.CaseAccessed",
                "nexus.access", 0, null, at, "referral-service", agency, "caseworker-2", referral, person,
                Set.of(agency), JSON.writeValueAsString(Map.of("recordType", "REFERRAL", "recordId", referral,
                    "role", "CASEWORKER", "holder", "PERSON", "channel", "CONSOLE", "freeTextRevealed", true))));
        }
    }

    /** An entry and when its event happened, so the year is appended in the order it happened. */
    private record Timed(Instant at, NewEntry entry) {
    }
}
