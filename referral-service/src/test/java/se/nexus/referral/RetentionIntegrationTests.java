package se.nexus.referral;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static se.nexus.referral.Cases.RECEIVER;
import static se.nexus.referral.Cases.SENDER;
import static se.nexus.referral.Cases.TARGET;
import static se.nexus.referral.Cases.expect;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import javax.sql.DataSource;

import org.apache.avro.specific.SpecificRecord;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import se.nexus.events.referral.LegalHoldLifted;
import se.nexus.events.referral.LegalHoldPlaced;
import se.nexus.events.retention.PurgedRecords;
import se.nexus.events.retention.RecordsPurged;
import se.nexus.events.subject.SubjectErased;
import se.nexus.schemas.Topics;
import se.nexus.support.retention.RetentionJob;
import se.nexus.support.test.ApiClient;
import se.nexus.support.test.NexusIntegrationTest;

/**
 * Retention: a run deletes exactly the case records whose period has ended, keeps everything else and everything
 * under legal hold, erases the free text of a person whose last referral it deleted, and reports itself in one
 * event. Cases are made through the API and then aged in the database; the job is run by hand (its schedule is off
 * in the tests).
 */
@NexusIntegrationTest
class RetentionIntegrationTests {

    static final String SIX_YEARS = "6 years";
    static final String FOUR_YEARS = "4 years";

    @LocalServerPort
    int port;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    RetentionJob retention;
    @Autowired
    DataSource dataSource;
    final ApiClient api = new ApiClient();

    Cases cases() {
        return new Cases(port);
    }

    static String subject() {
        return "p-" + UUID.randomUUID().toString().substring(0, 8);
    }

    String submit(String subject, Map<String, Object> legalBasis) {
        Map<String, Object> body = new HashMap<>(Cases.newReferral());
        body.put("subject", Map.of("ref", subject, "protectedIdentity", false));
        body.put("summary", "Summary of " + subject);
        if (legalBasis != null) {
            body.put("legalBasis", legalBasis);
        }
        var response = cases().post("/api/v1/referrals", SENDER, body);
        expect(response, 201);
        return response.body().get("id").asText();
    }

    /** A referral about the subject, accepted by the receiver and closed by it. */
    String closed(String subject, Map<String, Object> legalBasis) {
        String id = submit(subject, legalBasis);
        for (String step : List.of("receive", "accept", "close")) {
            expect(cases().post("/api/v1/referrals/" + id + "/" + step, RECEIVER, Map.of()), 200);
        }
        return id;
    }

    /** A referral about the subject handed over to the target, who closes it: it has a handover. */
    String closedAfterHandover(String subject) {
        String id = submit(subject, null);
        expect(cases().post("/api/v1/referrals/" + id + "/receive", RECEIVER, Map.of()), 200);
        expect(cases().post("/api/v1/referrals/" + id + "/accept", RECEIVER, Map.of()), 200);
        var handover = cases().post("/api/v1/referrals/" + id + "/handovers", RECEIVER,
            Map.of("toAgency", TARGET, "reason", "CRIME_SUSPECTED"));
        expect(handover, 201);
        expect(cases().post("/api/v1/handovers/" + handover.body().get("id").asText() + "/accept", TARGET, Map.of()), 200);
        expect(cases().post("/api/v1/referrals/" + id + "/close", TARGET, Map.of()), 200);
        return id;
    }

    /** A consent the sender recorded for the subject, naming the receiver. */
    String consent(String subject) {
        var response = cases().post("/api/v1/consents", SENDER, Map.of("subjectRef", subject,
            "grantedTo", List.of(RECEIVER), "purpose", "PROTECTION_AND_SUPPORT", "dataCategories", List.of("CASE_SUMMARY"),
            "validUntil", LocalDate.now().plusDays(30).toString(), "obtained", "WRITTEN"));
        expect(response, 201);
        return response.body().get("id").asText();
    }

    void withdrawConsent(String consentId) {
        expect(cases().post("/api/v1/consents/" + consentId + "/withdraw", SENDER, Map.of()), 200);
    }

    /** Moves the end of a case back in time, as if it had ended that long ago. */
    void endedAgo(String referralId, String interval) {
        assertThat(jdbc.sql("UPDATE referrals SET updated_at = now() - CAST(? AS interval) WHERE id = ?")
            .param(interval).param(UUID.fromString(referralId)).update()).isOne();
    }

    void consentEndedAgo(String consentId, String interval) {
        assertThat(jdbc.sql("UPDATE consents SET ended_at = now() - CAST(? AS interval) WHERE id = ?")
            .param(interval).param(UUID.fromString(consentId)).update()).isOne();
    }

    long count(String sql, Object parameter) {
        return jdbc.sql(sql).param(parameter).query(Long.class).single();
    }

    boolean referralExists(String id) {
        return count("SELECT count(*) FROM referrals WHERE id = ?", UUID.fromString(id)) == 1;
    }

    long historyOf(String id) {
        return count("SELECT count(*) FROM referral_history WHERE referral_id = ?", UUID.fromString(id));
    }

    long handoversOf(String id) {
        return count("SELECT count(*) FROM handovers WHERE referral_id = ?", UUID.fromString(id));
    }

    boolean consentExists(String id) {
        return count("SELECT count(*) FROM consents WHERE id = ?", UUID.fromString(id)) == 1;
    }

    boolean hasKey(String subject) {
        return count("SELECT count(*) FROM subject_keys WHERE subject_ref = ?", subject) == 1;
    }

    String hold(String referralId) {
        return cases().url("/api/v1/referrals/" + referralId + "/legal-hold");
    }

    static String auditor() {
        return Cases.token(RECEIVER, "AUDITOR");
    }

    long purgeEventsInOutbox() {
        return jdbc.sql("SELECT count(*) FROM outbox WHERE topic = ?").param(Topics.RETENTION).query(Long.class).single();
    }

    @Test
    void deletesExactlyWhatExpiredAndNothingUnderLegalHold() {
        // Expired: a consent-based case, closed six years ago; its consent withdrawn six years ago.
        String expiredSubject = subject();
        String expiredConsent = consent(expiredSubject);
        String expired = closed(expiredSubject, Map.of("type", "CONSENT", "consentId", expiredConsent));
        withdrawConsent(expiredConsent);
        endedAgo(expired, SIX_YEARS);
        consentEndedAgo(expiredConsent, SIX_YEARS);
        // Expired too, with a handover; its subject has another, recent case, so their key stays.
        String sharedSubject = subject();
        String expiredWithHandover = closedAfterHandover(sharedSubject);
        endedAgo(expiredWithHandover, SIX_YEARS);
        String recentOfShared = closed(sharedSubject, null);
        // Expired but held.
        String heldSubject = subject();
        String held = closedAfterHandover(heldSubject);
        endedAgo(held, SIX_YEARS);
        expect(api.put(hold(held), auditor(), Map.of("reason", "SUPERVISION")), 200);
        // Not expired: ended four years ago, and an open case submitted six years ago.
        String youngSubject = subject();
        String young = closed(youngSubject, null);
        endedAgo(young, FOUR_YEARS);
        String openSubject = subject();
        String open = submit(openSubject, null);
        endedAgo(open, SIX_YEARS);
        // An ended consent of six years ago that a kept case relies on.
        String reliedOnSubject = subject();
        String reliedOnConsent = consent(reliedOnSubject);
        String relying = closed(reliedOnSubject, Map.of("type", "CONSENT", "consentId", reliedOnConsent));
        withdrawConsent(reliedOnConsent);
        consentEndedAgo(reliedOnConsent, SIX_YEARS);
        long history = historyOf(expired) + historyOf(expiredWithHandover);
        long eventsBefore = purgeEventsInOutbox();

        Map<String, Long> purged = retention.run();

        assertThat(purged).containsExactlyInAnyOrderEntriesOf(Map.of("referrals", 2L, "referral-history", history,
            "handovers", 1L, "consents", 1L, "subject-keys", 1L));
        for (String gone : List.of(expired, expiredWithHandover)) {
            assertThat(referralExists(gone)).as(gone).isFalse();
            assertThat(historyOf(gone)).isZero();
            assertThat(handoversOf(gone)).isZero();
        }
        assertThat(consentExists(expiredConsent)).isFalse();
        assertThat(hasKey(expiredSubject)).as("the last referral of the person went, so did their key").isFalse();

        for (String kept : List.of(recentOfShared, held, young, open, relying)) {
            assertThat(referralExists(kept)).as(kept).isTrue();
            assertThat(historyOf(kept)).as(kept).isPositive();
        }
        assertThat(handoversOf(held)).isOne();
        assertThat(consentExists(reliedOnConsent)).isTrue();
        for (String subject : List.of(sharedSubject, heldSubject, youngSubject, openSubject, reliedOnSubject)) {
            assertThat(hasKey(subject)).as(subject).isTrue();
        }
        var kept = api.get(cases().url("/api/v1/referrals/" + recentOfShared), Cases.caseworker(SENDER));
        assertThat(kept.body().get("summary").asText()).isEqualTo("Summary of " + sharedSubject);
        assertThat(purgeEventsInOutbox()).as("one event for the run").isEqualTo(eventsBefore + 1);

        // Nothing left to delete: the next run deletes nothing and records nothing.
        assertThat(retention.run()).isEmpty();
        assertThat(purgeEventsInOutbox()).isEqualTo(eventsBefore + 1);
    }

    @Test
    void aRunPublishesOneEventWithItsCountsAndNoContent() {
        String subject = subject();
        String id = closedAfterHandover(subject);
        endedAgo(id, SIX_YEARS);
        long history = historyOf(id);

        Map<String, Long> purged = retention.run();

        assertThat(purged).containsEntry("referrals", 1L).containsEntry("handovers", 1L)
            .containsEntry("referral-history", history).containsEntry("subject-keys", 1L);
        UUID eventId = jdbc.sql("SELECT event_id FROM outbox WHERE topic = ? ORDER BY id DESC LIMIT 1")
            .param(Topics.RETENTION).query(UUID.class).single();
        RecordsPurged event = (RecordsPurged) await().atMost(Duration.ofSeconds(30))
            .until(() -> KafkaEvents.forKey(Topics.RETENTION, "referral-service").stream()
                .filter(each -> ((RecordsPurged) each).getMetadata().getEventId().equals(eventId.toString()))
                .findFirst(), found -> found.isPresent())
            .orElseThrow();
        assertThat(event.getMetadata().getProducer()).isEqualTo("referral-service");
        assertThat(event.getMetadata().getActingUserRef()).isEqualTo("system:retention");
        Map<String, Long> counts = new HashMap<>();
        Map<String, String> periods = new HashMap<>();
        for (PurgedRecords each : event.getPurged()) {
            counts.put(each.getRecordClass(), each.getCount());
            periods.put(each.getRecordClass(), each.getRetainedFor());
        }
        assertThat(counts).isEqualTo(purged);
        assertThat(periods).containsEntry("referrals", "P5Y").containsEntry("handovers", "P5Y");
        assertThat(event.toString()).doesNotContain(id, subject, "Summary");

        // The person's key went with their last referral, recorded as an erasure at the end of retention.
        List<SpecificRecord> erasures = await().atMost(Duration.ofSeconds(30))
            .until(() -> KafkaEvents.forKey(Topics.CONSENTS, subject), found -> !found.isEmpty());
        assertThat(erasures).singleElement().isInstanceOfSatisfying(SubjectErased.class, erased -> {
            assertThat(erased.getReason()).isEqualTo("RETENTION_ENDED");
            assertThat(erased.getMetadata().getActingUserRef()).isEqualTo("system:retention");
        });
    }

    @Test
    void aLiftedHoldLetsTheNextRunDeleteTheCaseAndBothAreRecorded() {
        String id = closed(subject(), null);
        endedAgo(id, SIX_YEARS);
        var placed = api.put(hold(id), auditor(), Map.of("reason", "LEGAL_PROCEEDINGS"));
        expect(placed, 200);
        assertThat(placed.body().get("reason").asText()).isEqualTo("LEGAL_PROCEEDINGS");
        assertThat(placed.body().get("referralId").asText()).isEqualTo(id);
        expect(api.put(hold(id), auditor(), Map.of("reason", "LEGAL_PROCEEDINGS")), 200);
        retention.run();
        assertThat(referralExists(id)).isTrue();

        expect(api.delete(hold(id), auditor()), 204);
        expect(api.delete(hold(id), auditor()), 204);
        assertThat(retention.run()).containsEntry("referrals", 1L);
        assertThat(referralExists(id)).isFalse();
        expect(api.put(hold(id), auditor(), Map.of("reason", "LEGAL_PROCEEDINGS")), 404);

        List<SpecificRecord> events = await().atMost(Duration.ofSeconds(30))
            .until(() -> KafkaEvents.forKey(Topics.REFERRALS, id), found -> found.stream()
                .anyMatch(LegalHoldLifted.class::isInstance));
        List<SpecificRecord> holds = events.stream()
            .filter(event -> event instanceof LegalHoldPlaced || event instanceof LegalHoldLifted).toList();
        assertThat(holds).as("placing twice for one reason and lifting twice record one of each").hasSize(2);
        assertThat(((LegalHoldPlaced) holds.get(0)).getReason()).isEqualTo("LEGAL_PROCEEDINGS");
        assertThat(((LegalHoldPlaced) holds.get(0)).getMetadata().getActingAgency()).isEqualTo(RECEIVER);
        assertThat(holds.get(1)).isInstanceOf(LegalHoldLifted.class);
    }

    @Test
    void aHoldForAnotherReasonReplacesTheFirstAndKeepsItsStart() {
        String id = closed(subject(), null);
        var first = api.put(hold(id), auditor(), Map.of("reason", "SUPERVISION"));
        var second = api.put(hold(id), auditor(), Map.of("reason", "INVESTIGATION"));
        expect(second, 200);
        assertThat(second.body().get("reason").asText()).isEqualTo("INVESTIGATION");
        assertThat(second.body().get("since")).isEqualTo(first.body().get("since"));
        assertThat(jdbc.sql("SELECT count(*) FROM outbox WHERE message_key = ? AND event_type LIKE ?").param(id)
            .param("%LegalHoldPlaced").query(Long.class).single()).isEqualTo(2);
    }

    @Test
    void onlyOneInstanceRunsAtATime() throws Exception {
        String id = closed(subject(), null);
        endedAgo(id, SIX_YEARS);
        try (Connection other = dataSource.getConnection();
                PreparedStatement lock = other.prepareStatement("SELECT pg_advisory_lock(?)")) {
            lock.setLong(1, 0x4E58_5553_0002L);
            lock.execute();
            assertThat(retention.run()).as("another instance holds the run").isEmpty();
            assertThat(referralExists(id)).isTrue();
            try (PreparedStatement unlock = other.prepareStatement("SELECT pg_advisory_unlock(?)")) {
                unlock.setLong(1, 0x4E58_5553_0002L);
                unlock.execute();
            }
        }
        assertThat(retention.run()).containsEntry("referrals", 1L);
        assertThat(referralExists(id)).isFalse();
    }

    /** A run that stopped after some batches left its counts in the ledger: the next run reports them too. */
    @Test
    void aRunThatStoppedHalfWayIsReportedByTheNext() {
        UUID stopped = UUID.randomUUID();
        jdbc.sql("""
                INSERT INTO retention_purges (run_id, record_class, purged, retained_for, started_at)
                VALUES (?, 'referrals', 3, 'P5Y', now() - interval '2 hours')""").param(stopped).update();
        long before = purgeEventsInOutbox();

        retention.run();

        assertThat(count("SELECT count(*) FROM retention_purges WHERE run_id = ?", stopped)).isZero();
        assertThat(purgeEventsInOutbox()).isEqualTo(before + 1);
    }

    /** The shared records: published outbox rows after seven days, idempotency records after their 24 hours. */
    @Test
    void deletesPublishedEventsAndIdempotencyRecordsPastTheirPeriod() {
        UUID oldPublished = UUID.randomUUID();
        UUID recentPublished = UUID.randomUUID();
        for (UUID eventId : List.of(oldPublished, recentPublished)) {
            jdbc.sql("""
                    INSERT INTO outbox (topic, message_key, event_id, event_type, payload, created_at, published_at)
                    VALUES ('nexus.test', 'k', ?, 'none', '\\x00', now() - interval '9 days', ?)""")
                .param(eventId).param(java.sql.Timestamp.from(java.time.Instant.now()
                    .minus(eventId == oldPublished ? Duration.ofDays(8) : Duration.ofDays(6)))).update();
        }
        String agency = "retention-test-" + UUID.randomUUID();
        for (String age : List.of("25 hours", "23 hours")) {
            jdbc.sql("""
                    INSERT INTO idempotency_keys (agency, idempotency_key, request_hash, created_at)
                    VALUES (?, ?, '\\x00', now() - CAST(? AS interval))""").param(agency).param(age).param(age).update();
        }

        Map<String, Long> purged = retention.run();

        assertThat(purged).containsEntry("published-events", 1L).containsEntry("idempotency-records", 1L);
        assertThat(count("SELECT count(*) FROM outbox WHERE event_id = ?", oldPublished)).isZero();
        assertThat(count("SELECT count(*) FROM outbox WHERE event_id = ?", recentPublished)).isOne();
        assertThat(jdbc.sql("SELECT idempotency_key FROM idempotency_keys WHERE agency = ?").param(agency)
            .query(String.class).list()).containsExactly("23 hours");
    }
}
