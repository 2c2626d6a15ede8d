package se.nexus.benchmark;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import org.HdrHistogram.Histogram;

import se.nexus.infrastructure.Database;

/**
 * What the services wrote, read straight from their databases after the run: no polling of the API while
 * it runs. Submit time is the referral's created_at, notified time the notification's created_at, audited
 * time the audit entry's appended_at.
 */
final class Ledgers {

    private static final String EVENTS = "se.nexus.events.";

    /**
     * The case events a coordinator is told of, and how many agencies are told (docs/architecture.md
     * section 4.4).
     */
    private static final Map<String, Integer> ROUTED = Map.of(
        EVENTS + "referral.ReferralSubmitted", 1, EVENTS + "referral.ReferralAccepted", 1,
        EVENTS + "referral.ReferralDeclined", 1, EVENTS + "referral.ReferralWithdrawn", 1,
        EVENTS + "referral.ReferralConsentRevoked", 2, EVENTS + "handover.HandoverRequested", 1,
        EVENTS + "handover.HandoverAccepted", 1, EVENTS + "handover.HandoverDeclined", 1,
        EVENTS + "handover.HandoverCancelled", 1);

    /**
     * Outbox rows whose events the audit chain records: all but those of the agencies' own topics, which the audit
     * service does not read (docs/architecture.md, section 4.5).
     */
    private static final String AUDITED = " AND topic NOT LIKE 'nexus.agency.%'";

    private final Database referral;
    private final Database notification;
    private final Database audit;
    private final Database postgres;

    Ledgers(Platform platform) {
        this.referral = platform.database("referral");
        this.notification = platform.database("notification");
        this.audit = platform.database("audit");
        this.postgres = platform.database("postgres");
    }

    /** End-to-end latencies in microseconds of the referrals submitted in the window. */
    record EndToEnd(long referrals, Histogram toNotified, long notNotified, Histogram toAudited, long notAudited) {
    }

    /** Every outbox event once in the audit chain, one notification per routed event, nothing left behind. */
    record Reconciliation(long referralOutboxEvents, long notificationOutboxEvents, long unpublished,
            long auditEntries, long missingFromAudit, long duplicatedInAudit, long auditEntriesWithoutOutboxRow,
            long routedEvents, long expectedNotifications, long notifications, long missingNotifications,
            long duplicateNotifications, Map<String, Long> eventsByType, boolean consistent) {
    }

    /** Events written in the window: by the referral service's outbox, the notification service's, the audit chain. */
    record WindowEvents(long referralEvents, long notificationEvents, long auditEntries) {
    }

    /**
     * Waits until both outboxes are empty and the audit chain and the notifications stop growing (or holds
     * every outbox event); returns how long that took.
     */
    Duration settle(Instant since, Duration atMost) throws SQLException, InterruptedException {
        long start = System.nanoTime();
        long deadline = start + atMost.toNanos();
        long lastProgress = -1;
        int stable = 0;
        while (System.nanoTime() < deadline) {
            long unpublished = count(referral, "SELECT count(*) FROM outbox WHERE published_at IS NULL", null)
                + count(notification, "SELECT count(*) FROM outbox WHERE published_at IS NULL", null);
            long outbox = count(referral, "SELECT count(*) FROM outbox WHERE created_at >= ?" + AUDITED, since)
                + count(notification, "SELECT count(*) FROM outbox WHERE created_at >= ?" + AUDITED, since);
            long audited = count(audit, "SELECT count(*) FROM audit_entries WHERE appended_at >= ?", since);
            long notified = count(notification, "SELECT count(*) FROM notifications WHERE created_at >= ?", since);
            long progress = audited * 31 + notified;
            stable = progress == lastProgress ? stable + 1 : 0;
            lastProgress = progress;
            if (unpublished == 0 && (audited >= outbox || stable >= 10) && stable >= 2) {
                break;
            }
            Thread.sleep(1000);
        }
        return Duration.ofNanos(System.nanoTime() - start);
    }

    /**
     * Waits until the first case's events have gone the whole way (notified, audited, and the notification's own
     * event audited too), so that topic creation and consumer group joins are not measured as latency.
     */
    Duration awaitFirstDelivery(Duration atMost) throws SQLException, InterruptedException {
        long start = System.nanoTime();
        while (System.nanoTime() - start < atMost.toNanos()) {
            boolean notified = count(notification, "SELECT count(*) FROM notifications", null) > 0;
            boolean audited = count(audit, "SELECT count(*) FROM audit_entries WHERE event_type = '" + EVENTS
                + "referral.ReferralSubmitted'", null) > 0;
            boolean noticeAudited = count(audit, "SELECT count(*) FROM audit_entries WHERE event_type LIKE "
                + "'%CoordinatorNotified'", null) > 0;
            if (notified && audited && noticeAudited) {
                break;
            }
            Thread.sleep(250);
        }
        return Duration.ofNanos(System.nanoTime() - start);
    }

    EndToEnd endToEnd(Instant from, Instant to) throws SQLException {
        Map<String, Instant> submitted = times(referral, "SELECT id::text, created_at FROM referrals "
            + "WHERE created_at >= ? AND created_at < ?", from, to);
        Map<String, Instant> notified = times(notification, "SELECT referral_id::text, min(created_at) FROM notifications "
            + "WHERE trigger_event_type = 'REFERRAL_SUBMITTED' AND escalation_of IS NULL AND created_at >= ? "
            + "GROUP BY referral_id", from, null);
        Map<String, Instant> audited = times(audit, "SELECT referral_id, min(appended_at) FROM audit_entries "
            + "WHERE event_type = '" + EVENTS + "referral.ReferralSubmitted' AND appended_at >= ? GROUP BY referral_id",
            from, null);
        Histogram toNotified = new Histogram(3_600_000_000L, 3);
        Histogram toAudited = new Histogram(3_600_000_000L, 3);
        long notNotified = 0;
        long notAudited = 0;
        for (Map.Entry<String, Instant> referral : submitted.entrySet()) {
            notNotified += record(toNotified, referral.getValue(), notified.get(referral.getKey()));
            notAudited += record(toAudited, referral.getValue(), audited.get(referral.getKey()));
        }
        return new EndToEnd(submitted.size(), toNotified, notNotified, toAudited, notAudited);
    }

    private static int record(Histogram into, Instant submitted, Instant reached) {
        if (reached == null) {
            return 1;
        }
        into.recordValue(Math.max(1, Duration.between(submitted, reached).toNanos() / 1000));
        return 0;
    }

    WindowEvents windowEvents(Instant from, Instant to) throws SQLException {
        String outbox = "SELECT count(*) FROM outbox WHERE created_at >= ? AND created_at < ?";
        return new WindowEvents(count(referral, outbox, from, to), count(notification, outbox, from, to),
            count(audit, "SELECT count(*) FROM audit_entries WHERE appended_at >= ? AND appended_at < ?", from, to));
    }

    Reconciliation reconcile(Instant since) throws SQLException {
        return reconcile(since, null);
    }

    /**
     * The same for the events written from since until (null: until now): the fault suite asks whether everything
     * accepted before a fault ended has gone the whole way, while traffic goes on writing newer events.
     */
    Reconciliation reconcile(Instant since, Instant until) throws SQLException {
        Map<String, String> referralEvents = events(referral, since, until);
        Map<String, String> notificationEvents = events(notification, since, until);
        Map<String, Long> inAudit = counts(audit, "SELECT event_id, count(*) FROM audit_entries WHERE appended_at >= ? "
            + "GROUP BY event_id", since);
        long unpublished = count(referral, "SELECT count(*) FROM outbox WHERE published_at IS NULL", null)
            + count(notification, "SELECT count(*) FROM outbox WHERE published_at IS NULL", null);
        long missing = 0;
        long duplicated = 0;
        Map<String, Long> byType = new TreeMap<>();
        for (Map<String, String> events : List.of(referralEvents, notificationEvents)) {
            for (Map.Entry<String, String> event : events.entrySet()) {
                long times = inAudit.getOrDefault(event.getKey(), 0L);
                missing += times == 0 ? 1 : 0;
                duplicated += times > 1 ? times - 1 : 0;
                byType.merge(event.getValue().substring(event.getValue().lastIndexOf('.') + 1), 1L, Long::sum);
            }
        }
        long withoutOutbox = inAudit.keySet().stream()
            .filter(id -> !referralEvents.containsKey(id) && !notificationEvents.containsKey(id)).count();
        return notifications(referralEvents, notificationEvents.size(), unpublished, inAudit, missing, duplicated,
            withoutOutbox, byType, since);
    }

    private Reconciliation notifications(Map<String, String> referralEvents, long notificationEvents, long unpublished,
            Map<String, Long> inAudit, long missing, long duplicated, long withoutOutbox, Map<String, Long> byType,
            Instant since) throws SQLException {
        Map<String, Long> told = counts(notification, "SELECT trigger_event_id::text, count(*) FROM notifications "
            + "WHERE escalation_of IS NULL AND created_at >= ? GROUP BY trigger_event_id", since);
        long routed = 0;
        long expected = 0;
        long missingNotes = 0;
        long duplicateNotes = 0;
        for (Map.Entry<String, String> event : referralEvents.entrySet()) {
            Integer recipients = ROUTED.get(event.getValue());
            if (recipients == null) {
                continue;
            }
            routed++;
            expected += recipients;
            long actual = told.getOrDefault(event.getKey(), 0L);
            missingNotes += Math.max(0, recipients - actual);
            duplicateNotes += Math.max(0, actual - recipients);
        }
        long notifications = told.values().stream().mapToLong(Long::longValue).sum();
        boolean consistent = unpublished == 0 && missing == 0 && duplicated == 0 && missingNotes == 0
            && duplicateNotes == 0;
        return new Reconciliation(referralEvents.size(), notificationEvents, unpublished,
            inAudit.values().stream().mapToLong(Long::longValue).sum(), missing, duplicated, withoutOutbox, routed,
            expected, notifications, missingNotes, duplicateNotes, byType, consistent);
    }

    /** Transactions committed so far in each database (pg_stat_database). */
    Map<String, Long> commits() throws SQLException {
        Map<String, Long> commits = new LinkedHashMap<>();
        try (Connection connection = Platform.connect(postgres);
                PreparedStatement query = connection.prepareStatement(
                    "SELECT datname, xact_commit FROM pg_stat_database WHERE datname IS NOT NULL ORDER BY datname");
                ResultSet rows = query.executeQuery()) {
            while (rows.next()) {
                commits.put(rows.getString(1), rows.getLong(2));
            }
        }
        return commits;
    }

    /** The server settings that decide what a commit costs. */
    Map<String, String> durabilitySettings() throws SQLException {
        Map<String, String> settings = new LinkedHashMap<>();
        try (Connection connection = Platform.connect(postgres);
                PreparedStatement query = connection.prepareStatement("SELECT name, setting FROM pg_settings WHERE name = "
                    + "ANY(ARRAY['fsync','synchronous_commit','wal_sync_method','full_page_writes','shared_buffers',"
                    + "'max_connections','commit_delay','server_version'])");
                ResultSet rows = query.executeQuery()) {
            while (rows.next()) {
                settings.put(rows.getString(1), rows.getString(2));
            }
        }
        return settings;
    }

    private static Map<String, String> events(Database database, Instant since, Instant until) throws SQLException {
        Map<String, String> events = new HashMap<>();
        try (Connection connection = Platform.connect(database);
                PreparedStatement query = connection.prepareStatement(
                    "SELECT event_id::text, event_type FROM outbox WHERE created_at >= ?"
                        + (until == null ? "" : " AND created_at < ?") + AUDITED)) {
            bind(query, since, until);
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    events.put(rows.getString(1), rows.getString(2));
                }
            }
        }
        return events;
    }

    private static Map<String, Instant> times(Database database, String sql, Instant from, Instant to) throws SQLException {
        Map<String, Instant> times = new HashMap<>();
        try (Connection connection = Platform.connect(database); PreparedStatement query = connection.prepareStatement(sql)) {
            bind(query, from, to);
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    times.put(rows.getString(1), rows.getTimestamp(2).toInstant());
                }
            }
        }
        return times;
    }

    private static Map<String, Long> counts(Database database, String sql, Instant since) throws SQLException {
        Map<String, Long> counts = new HashMap<>();
        try (Connection connection = Platform.connect(database); PreparedStatement query = connection.prepareStatement(sql)) {
            bind(query, since, null);
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    counts.put(rows.getString(1), rows.getLong(2));
                }
            }
        }
        return counts;
    }

    private static long count(Database database, String sql, Instant from) throws SQLException {
        return count(database, sql, from, null);
    }

    private static long count(Database database, String sql, Instant from, Instant to) throws SQLException {
        try (Connection connection = Platform.connect(database); PreparedStatement query = connection.prepareStatement(sql)) {
            bind(query, from, to);
            try (ResultSet rows = query.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        }
    }

    private static void bind(PreparedStatement query, Instant from, Instant to) throws SQLException {
        if (from != null) {
            query.setObject(1, from.atOffset(ZoneOffset.UTC));
        }
        if (to != null) {
            query.setObject(2, to.atOffset(ZoneOffset.UTC));
        }
    }

    /** Outbox rows written since, by topic, over both services. */
    Map<String, Long> outboxRowsByTopic(Instant since) throws SQLException {
        Map<String, Long> rows = new HashMap<>();
        for (Database database : List.of(referral, notification)) {
            counts(database, "SELECT topic, count(*) FROM outbox WHERE created_at >= ? GROUP BY topic", since)
                .forEach((topic, n) -> rows.merge(topic, n, Long::sum));
        }
        return rows;
    }

    static Set<String> routedTypes() {
        return ROUTED.keySet();
    }
}
