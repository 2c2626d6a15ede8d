package se.nexus.audit.statistics;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

import tools.jackson.databind.JsonNode;

/**
 * What one batch of chain entries changes in the statistics, worked out in memory: counts to add, people seen in a
 * month, duration samples, and the open cases and notifications that begin and end. Refs and ids are turned into
 * keyed hashes as they are read and go no further.
 */
final class ProjectionBatch {

    private static final String REFERRAL = "se.nexus.events.referral.";
    private static final String HANDOVER = "se.nexus.events.handover.";
    private static final String NOTIFICATION = "se.nexus.events.notification.";
    static final HexFormat HEX = HexFormat.of();

    private final PersonKey key;
    private final Map<String, Consumer<ProjectedEntry>> handlers = new HashMap<>();
    final Map<CountKey, Long> counts = new HashMap<>();
    final Set<PersonInMonth> persons = new HashSet<>();
    final List<DurationSample> durations = new ArrayList<>();
    final OpenItems<OpenCase> cases;
    final OpenItems<OpenNotification> notifications;

    ProjectionBatch(PersonKey key, Map<String, OpenCase> openCases, Map<String, OpenNotification> openNotifications) {
        this.key = key;
        this.cases = new OpenItems<>(openCases);
        this.notifications = new OpenItems<>(openNotifications);
        handlers.put(REFERRAL + "ReferralSubmitted", this::submitted);
        handlers.put(REFERRAL + "ReferralReceived", this::received);
        handlers.put(REFERRAL + "ReferralAccepted", this::decided);
        handlers.put(REFERRAL + "ReferralDeclined", this::declined);
        handlers.put(REFERRAL + "ReferralWithdrawn", entry -> ended(entry, "WITHDRAWN"));
        handlers.put(REFERRAL + "ReferralClosed", entry -> ended(entry, null));
        // A consent withdrawn, and each referral that rested on one, count as a revoked consent.
        handlers.put(REFERRAL + "ReferralConsentRevoked", caseEvent("CONSENT_REVOKED"));
        handlers.put("se.nexus.events.consent.ConsentWithdrawn", caseEvent("CONSENT_REVOKED"));
        handlers.put(HANDOVER + "HandoverRequested", caseEvent("HANDOVER_REQUESTED"));
        handlers.put(HANDOVER + "HandoverAccepted", caseEvent("HANDOVER_ACCEPTED"));
        handlers.put(HANDOVER + "HandoverDeclined", caseEvent("HANDOVER_DECLINED"));
        handlers.put(HANDOVER + "HandoverCancelled", caseEvent("HANDOVER_CANCELLED"));
        handlers.put(NOTIFICATION + "CoordinatorNotified", this::notified);
        handlers.put(NOTIFICATION + "NotificationAcknowledged", this::acknowledged);
        handlers.put(NOTIFICATION + "NotificationEscalated", this::escalated);
    }

    /** The hashed referral ids and notification ids these entries look up, so their open rows are read at once. */
    static Keys keysOf(List<ProjectedEntry> entries, PersonKey key) {
        Set<String> cases = new HashSet<>();
        Set<String> notifications = new HashSet<>();
        for (ProjectedEntry entry : entries) {
            if (entry.eventType().startsWith(REFERRAL) && entry.referralId() != null) {
                cases.add(HEX.formatHex(key.referral(entry.referralId())));
            }
            String notification = entry.details().path("notificationId").asString(null);
            if (entry.eventType().startsWith(NOTIFICATION) && notification != null) {
                notifications.add(HEX.formatHex(key.notification(notification)));
            }
        }
        return new Keys(cases, notifications);
    }

    /** Takes in one entry; entries of types the statistics do not count are passed over. */
    void apply(ProjectedEntry entry) {
        Consumer<ProjectedEntry> handler = handlers.get(entry.eventType());
        if (handler != null && entry.at() != null) {
            handler.accept(entry);
        }
    }

    private Consumer<ProjectedEntry> caseEvent(String category) {
        return entry -> count(entry, Measure.CASE_EVENTS, category);
    }

    private void submitted(ProjectedEntry entry) {
        count(entry, Measure.REFERRALS_BY_URGENCY, entry.code("urgency"));
        count(entry, Measure.REFERRALS_BY_SENDER, entry.code("fromAgency"));
        count(entry, Measure.REFERRALS_BY_RECEIVER, entry.code("toAgency"));
        count(entry, Measure.REFERRALS_BY_LEGAL_BASIS, legalBasis(entry.details().path("legalBasis")));
        JsonNode concerns = entry.details().path("concerns");
        Set<String> distinct = new HashSet<>();
        concerns.forEach(concern -> distinct.add(concern.asString(Categories.UNKNOWN)));
        distinct.forEach(concern -> count(entry, Measure.REFERRALS_BY_CONCERN, concern));
        if (entry.subjectRef() != null) {
            persons.add(new PersonInMonth(entry.month(), HEX.formatHex(key.person(entry.subjectRef()))));
        }
        if (entry.referralId() != null) {
            cases.put(caseKey(entry), new OpenCase(entry.at(), entry.month(), entry.code("urgency"), false));
        }
    }

    private void received(ProjectedEntry entry) {
        String caseKey = caseKey(entry);
        OpenCase open = caseKey == null ? null : cases.get(caseKey);
        if (open != null && !open.received()) {
            durations.add(open.sample("RECEIPT", entry.at()));
            cases.put(caseKey, open.noteReceived());
        }
    }

    private void declined(ProjectedEntry entry) {
        count(entry, Measure.DECLINES, entry.code("reasonCode"));
        decided(entry);
    }

    private void decided(ProjectedEntry entry) {
        String caseKey = caseKey(entry);
        OpenCase open = caseKey == null ? null : cases.get(caseKey);
        if (open != null) {
            durations.add(open.sample("DECISION", entry.at()));
            cases.remove(caseKey);
        }
    }

    private void ended(ProjectedEntry entry, String caseEvent) {
        if (caseEvent != null) {
            count(entry, Measure.CASE_EVENTS, caseEvent);
        }
        String caseKey = caseKey(entry);
        if (caseKey != null) {
            cases.remove(caseKey);
        }
    }

    private void notified(ProjectedEntry entry) {
        String urgency = entry.code("urgency");
        count(entry, Measure.NOTIFIED, urgency);
        String id = entry.details().path("notificationId").asString(null);
        if (id != null) {
            JsonNode deadline = entry.details().path("deadline");
            notifications.put(notificationKey(id), new OpenNotification(entry.month(), urgency,
                deadline.isNumber() ? Instant.ofEpochMilli(deadline.asLong()) : null));
        }
    }

    private void acknowledged(ProjectedEntry entry) {
        String id = entry.details().path("notificationId").asString(null);
        OpenNotification open = id == null ? null : notifications.get(notificationKey(id));
        if (open != null) {
            boolean inTime = open.deadline() == null || !entry.at().isAfter(open.deadline());
            add(new CountKey(open.month(), inTime ? Measure.ACKNOWLEDGED_IN_TIME : Measure.ACKNOWLEDGED_LATE,
                open.urgency()));
            notifications.remove(notificationKey(id));
        }
    }

    private void escalated(ProjectedEntry entry) {
        String id = entry.details().path("notificationId").asString(null);
        OpenNotification open = id == null ? null : notifications.get(notificationKey(id));
        count(entry, Measure.ESCALATIONS, open == null ? Categories.UNKNOWN : open.urgency());
    }

    /** {@code CONSENT}, or the code of the statutory provision. */
    private static String legalBasis(JsonNode basis) {
        if (basis.path("provisionCode").isString()) {
            return basis.get("provisionCode").asString();
        }
        return basis.path("type").asString(Categories.UNKNOWN);
    }

    private void count(ProjectedEntry entry, Measure measure, String category) {
        add(new CountKey(entry.month(), measure, category));
    }

    private void add(CountKey countKey) {
        counts.merge(countKey, 1L, Long::sum);
    }

    /** The open case's key: the keyed hash of its referral id, as hex; null for an entry without one. */
    private String caseKey(ProjectedEntry entry) {
        return entry.referralId() == null ? null : HEX.formatHex(key.referral(entry.referralId()));
    }

    private String notificationKey(String id) {
        return HEX.formatHex(key.notification(id));
    }

    /** The hashed keys of the open cases and notifications a batch looks up. */
    record Keys(Set<String> cases, Set<String> notifications) {
    }

    record CountKey(String month, Measure measure, String category) {
    }

    record PersonInMonth(String month, String person) {
    }

    /** How long one case waited, in the month it was submitted; nothing says which case. */
    record DurationSample(String month, String urgency, String kind, long millis) {
    }

    /** A case submitted and not yet decided, withdrawn or closed. */
    record OpenCase(Instant submittedAt, String month, String urgency, boolean received) {

        DurationSample sample(String kind, Instant at) {
            return new DurationSample(month, urgency, kind, Math.max(0, Duration.between(submittedAt, at).toMillis()));
        }

        OpenCase noteReceived() {
            return new OpenCase(submittedAt, month, urgency, true);
        }
    }

    /** A notification not yet acknowledged: in which month it went out, how urgent, and by when it was due. */
    record OpenNotification(String month, String urgency, Instant deadline) {
    }

    /** Open items read at the start of a batch, with what the batch adds, changes and ends. */
    static final class OpenItems<V> {

        private final Map<String, V> current;
        final Map<String, V> changed = new HashMap<>();
        final Set<String> removed = new HashSet<>();

        OpenItems(Map<String, V> loaded) {
            this.current = new HashMap<>(loaded);
        }

        V get(String key) {
            return current.get(key);
        }

        void put(String key, V value) {
            current.put(key, value);
            changed.put(key, value);
            removed.remove(key);
        }

        void remove(String key) {
            current.remove(key);
            changed.remove(key);
            removed.add(key);
        }
    }
}
