package se.nexus.notification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static se.nexus.notification.CaseEventsTestData.RESOURCE_CENTRE;
import static se.nexus.notification.CaseEventsTestData.coordinator;
import static se.nexus.notification.CaseEventsTestData.inboxAbout;
import static se.nexus.notification.CaseEventsTestData.send;
import static se.nexus.notification.CaseEventsTestData.submit;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import se.nexus.events.EventMetadata;
import se.nexus.events.referral.LegalHoldLifted;
import se.nexus.events.referral.LegalHoldPlaced;
import se.nexus.events.referral.ReferralSubmitted;
import se.nexus.notification.notification.Escalations;
import se.nexus.schemas.Topics;
import se.nexus.support.retention.RetentionJob;
import se.nexus.support.test.ApiClient;

/**
 * Retention of notifications: a run deletes the notifications past their period that were acknowledged or escalated
 * (and escalation notices), with their deliveries, keeps the rest and everything of a referral under legal hold, and
 * deletes processed event ids and published outbox rows past theirs. Rows are aged in the database; the job is run
 * by hand (its schedule is off in the tests).
 */
@NotificationServiceTest
class RetentionIntegrationTests {

    static final String AGENCY = NotificationTestConfiguration.HEALTHY_AGENCY;

    @LocalServerPort
    int port;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    RetentionJob retention;
    @Autowired
    Escalations escalations;
    final ApiClient api = new ApiClient();

    /** Submits a referral to the agency and waits for its notification; the notification's id. */
    UUID notified(ReferralSubmitted[] submitted) {
        submitted[0] = submit(AGENCY, false);
        String referralId = submitted[0].getReferralId();
        return UUID.fromString(await().atMost(Duration.ofSeconds(30))
            .until(() -> inboxAbout(api, port, AGENCY, referralId), found -> !found.isEmpty()).get(0).get("id").asText());
    }

    UUID notified() {
        return notified(new ReferralSubmitted[1]);
    }

    void acknowledge(UUID notification) {
        assertThat(api.post("http://localhost:" + port + "/api/v1/notifications/" + notification + "/acknowledge",
            coordinator(AGENCY), Map.of()).status()).isEqualTo(200);
    }

    void createdAgo(UUID notification, String interval) {
        assertThat(jdbc.sql("UPDATE notifications SET created_at = now() - CAST(? AS interval) WHERE id = ? OR escalation_of = ?")
            .param(interval).param(notification).param(notification).update()).isPositive();
    }

    boolean exists(UUID notification) {
        return jdbc.sql("SELECT count(*) FROM notifications WHERE id = ?").param(notification).query(Long.class).single() == 1;
    }

    long deliveriesOf(UUID notification) {
        return jdbc.sql("SELECT count(*) FROM deliveries WHERE notification_id = ?").param(notification)
            .query(Long.class).single();
    }

    List<UUID> noticesOf(UUID notification) {
        return jdbc.sql("SELECT id FROM notifications WHERE escalation_of = ?").param(notification).query(UUID.class).list();
    }

    static EventMetadata metadata() {
        return EventMetadata.newBuilder().setEventId(UUID.randomUUID().toString()).setOccurredAt(Instant.now())
            .setProducer("referral-service").setActingAgency(RESOURCE_CENTRE).setActingUserRef("u-auditor")
            .setCorrelationId(UUID.randomUUID().toString()).build();
    }

    boolean held(String referralId) {
        return jdbc.sql("SELECT count(*) FROM held_referrals WHERE referral_id = ?").param(UUID.fromString(referralId))
            .query(Long.class).single() == 1;
    }

    @Test
    void deletesWhatExpiredWithItsDeliveriesAndNothingOfAHeldReferral() {
        UUID acknowledged = notified();
        acknowledge(acknowledged);
        createdAgo(acknowledged, "3 years");

        UUID escalated = notified();
        jdbc.sql("UPDATE notifications SET deadline = now() - interval '1 hour' WHERE id = ?").param(escalated).update();
        escalations.escalateDue();
        List<UUID> notices = noticesOf(escalated);
        assertThat(notices).hasSize(1);
        createdAgo(escalated, "3 years");

        ReferralSubmitted[] heldCase = new ReferralSubmitted[1];
        UUID ofHeld = notified(heldCase);
        acknowledge(ofHeld);
        createdAgo(ofHeld, "3 years");
        send(Topics.REFERRALS, heldCase[0].getReferralId(), LegalHoldPlaced.newBuilder().setMetadata(metadata())
            .setReferralId(heldCase[0].getReferralId()).setReason("INVESTIGATION").build());
        await().atMost(Duration.ofSeconds(30)).until(() -> held(heldCase[0].getReferralId()));

        UUID young = notified();
        acknowledge(young);
        createdAgo(young, "1 year");
        UUID waiting = notified();
        createdAgo(waiting, "3 years");

        long deliveries = deliveriesOf(acknowledged) + deliveriesOf(escalated) + deliveriesOf(notices.get(0));
        assertThat(deliveries).as("the webhook and the e-mail alerts").isPositive();

        Map<String, Long> purged = retention.run();

        assertThat(purged).containsEntry("notifications", 3L).containsEntry("deliveries", deliveries);
        for (UUID gone : List.of(acknowledged, escalated, notices.get(0))) {
            assertThat(exists(gone)).as(gone.toString()).isFalse();
            assertThat(deliveriesOf(gone)).isZero();
        }
        for (UUID kept : List.of(ofHeld, young, waiting)) {
            assertThat(exists(kept)).as(kept.toString()).isTrue();
        }
        assertThat(deliveriesOf(ofHeld)).isPositive();

        // Lifted, the held referral's notification goes at the next run.
        send(Topics.REFERRALS, heldCase[0].getReferralId(), LegalHoldLifted.newBuilder().setMetadata(metadata())
            .setReferralId(heldCase[0].getReferralId()).build());
        await().atMost(Duration.ofSeconds(30)).until(() -> !held(heldCase[0].getReferralId()));
        assertThat(retention.run()).containsEntry("notifications", 1L);
        assertThat(exists(ofHeld)).isFalse();
        assertThat(exists(waiting)).as("still waiting for its acknowledgement").isTrue();
    }

    @Test
    void deletesProcessedEventIdsAfterThirtyDaysAndPublishedEventsAfterSeven() {
        UUID oldId = UUID.randomUUID();
        UUID youngId = UUID.randomUUID();
        jdbc.sql("INSERT INTO processed_events (event_id, processed_at) VALUES (?, now() - interval '31 days')")
            .param(oldId).update();
        jdbc.sql("INSERT INTO processed_events (event_id, processed_at) VALUES (?, now() - interval '29 days')")
            .param(youngId).update();
        UUID oldEvent = UUID.randomUUID();
        UUID youngEvent = UUID.randomUUID();
        for (UUID eventId : List.of(oldEvent, youngEvent)) {
            jdbc.sql("""
                    INSERT INTO outbox (topic, message_key, event_id, event_type, payload, created_at, published_at)
                    VALUES ('nexus.test', 'k', ?, 'none', '\\x00', now() - interval '9 days',
                        now() - CAST(? AS interval))""")
                .param(eventId).param(eventId.equals(oldEvent) ? "8 days" : "6 days").update();
        }
        long purgeEvents = jdbc.sql("SELECT count(*) FROM outbox WHERE topic = ?").param(Topics.RETENTION)
            .query(Long.class).single();

        Map<String, Long> purged = retention.run();

        assertThat(purged).containsEntry("processed-events", 1L).containsEntry("published-events", 1L);
        assertThat(jdbc.sql("SELECT event_id FROM processed_events WHERE event_id IN (?, ?)").param(oldId).param(youngId)
            .query(UUID.class).list()).containsExactly(youngId);
        assertThat(jdbc.sql("SELECT event_id FROM outbox WHERE event_id IN (?, ?)").param(oldEvent).param(youngEvent)
            .query(UUID.class).list()).containsExactly(youngEvent);
        assertThat(jdbc.sql("SELECT message_key FROM outbox WHERE topic = ? ORDER BY id DESC LIMIT 1")
            .param(Topics.RETENTION).query(String.class).single()).isEqualTo("notification-service");
        assertThat(jdbc.sql("SELECT count(*) FROM outbox WHERE topic = ?").param(Topics.RETENTION)
            .query(Long.class).single()).as("one event for the run").isEqualTo(purgeEvents + 1);
    }
}
