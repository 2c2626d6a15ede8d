package se.nexus.referral;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static se.nexus.referral.Cases.RECEIVER;
import static se.nexus.referral.Cases.SENDER;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.apache.avro.specific.SpecificRecord;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import se.nexus.events.subject.SubjectErased;
import se.nexus.referral.erasure.ErasureReason;
import se.nexus.referral.erasure.SubjectErasure;
import se.nexus.referral.protection.OldFormat;
import se.nexus.referral.referral.Actor;
import se.nexus.schemas.Topics;
import se.nexus.support.test.ApiClient;
import se.nexus.support.test.NexusIntegrationTest;

/**
 * Crypto-shredding: erasing a person destroys their data key, and with it every summary and decline comment about
 * them, through every way of reading it, while everyone else's text stays readable.
 */
@NexusIntegrationTest
class ErasureIntegrationTests {

    static final String ERASURES = "/api/v1/subjects/erasures";

    @LocalServerPort
    int port;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    SubjectErasure erasure;
    final ApiClient api = new ApiClient();

    Cases cases() {
        return new Cases(port);
    }

    static String subject() {
        return "p-" + UUID.randomUUID().toString().substring(0, 8);
    }

    String submit(String subject, String summary, Map<String, String> headers) {
        Map<String, Object> body = new HashMap<>(Cases.newReferral());
        body.put("subject", Map.of("ref", subject, "protectedIdentity", false));
        body.put("summary", summary);
        var response = api.post(cases().url("/api/v1/referrals"), Cases.caseworker(SENDER), body, headers);
        Cases.expect(response, 201);
        return response.body().get("id").asText();
    }

    String submit(String subject, String summary) {
        return submit(subject, summary, Map.of());
    }

    String declined(String subject, String summary, String comment) {
        String id = submit(subject, summary);
        Cases.expect(cases().post("/api/v1/referrals/" + id + "/receive", RECEIVER, Map.of()), 200);
        Cases.expect(cases().post("/api/v1/referrals/" + id + "/decline", RECEIVER,
            Map.of("reason", "NOT_IN_REMIT", "comment", comment)), 200);
        return id;
    }

    ApiClient.Response read(String id) {
        var response = api.get(cases().url("/api/v1/referrals/" + id), Cases.caseworker(SENDER));
        Cases.expect(response, 200);
        return response;
    }

    ApiClient.Response erase(String subject, String reason) {
        return api.post(cases().url(ERASURES), Cases.token(RECEIVER, "AUDITOR"),
            Map.of("subjectRef", subject, "reason", reason));
    }

    @Test
    void erasingOneSubjectShutsItsTextEverywhereAndLeavesAnothersReadable() {
        String erased = subject();
        String kept = subject();
        String first = submit(erased, "Erased summary one");
        String second = declined(erased, "Erased summary two", "Erased comment");
        String other = declined(kept, "Kept summary", "Kept comment");

        assertThat(read(second).body().get("declineComment").asText()).isEqualTo("Erased comment");
        Cases.expect(erase(erased, "ERASURE_REQUEST"), 204);

        for (String id : List.of(first, second)) {
            var body = read(id).body();
            assertThat(body.get("summary").isNull()).as(body.toString()).isTrue();
            assertThat(body.get("declineComment").isNull()).isTrue();
            assertThat(body.get("subject").get("ref").asText()).isEqualTo(erased);
            assertThat(body.toString()).doesNotContain("Erased summary", "Erased comment");
        }
        assertThat(read(second).body().get("declineReason").asText()).isEqualTo("NOT_IN_REMIT");
        assertThat(read(other).body().get("summary").asText()).isEqualTo("Kept summary");
        assertThat(read(other).body().get("declineComment").asText()).isEqualTo("Kept comment");

        var sent = api.get(cases().url("/api/v1/referrals?box=sent&size=100"), Cases.caseworker(SENDER)).body();
        var received = api.get(cases().url("/api/v1/referrals?box=received&size=100"), Cases.caseworker(RECEIVER)).body();
        for (var page : List.of(sent, received)) {
            assertThat(page.toString()).doesNotContain("Erased summary", "Erased comment").contains("Kept summary");
            page.get("items").forEach(item -> {
                if (item.get("subject").get("ref").asText().equals(erased)) {
                    assertThat(item.get("summary").isNull()).isTrue();
                    assertThat(item.get("declineComment").isNull()).isTrue();
                }
            });
        }
        assertThat(jdbc.sql("SELECT count(*) FROM subject_keys WHERE subject_ref = ?").param(erased)
            .query(Long.class).single()).isZero();
        assertThat(jdbc.sql("SELECT count(*) FROM subject_keys WHERE subject_ref = ?").param(kept)
            .query(Long.class).single()).isOne();
        // The history of a referral holds no text, so it is all still there.
        Cases.expect(api.get(cases().url("/api/v1/referrals/" + second + "/history"), Cases.caseworker(SENDER)), 200);
    }

    @Test
    void theErasureIsOneEventInTheOutboxAndOnTheTopicKeyedBySubjectWithoutContent() {
        String subject = subject();
        submit(subject, "Narrative 4711");
        Cases.expect(erase(subject, "ERASURE_REQUEST"), 204);
        Cases.expect(erase(subject, "ERASURE_REQUEST"), 204);

        assertThat(jdbc.sql("SELECT count(*) FROM outbox WHERE topic = ? AND message_key = ? AND event_type LIKE ?")
            .param(Topics.CONSENTS).param(subject).param("%SubjectErased").query(Long.class).single())
            .as("erasing again changes nothing and records nothing").isOne();
        List<SpecificRecord> events = await().atMost(Duration.ofSeconds(30))
            .until(() -> KafkaEvents.forKey(Topics.CONSENTS, subject), found -> !found.isEmpty());
        assertThat(events).hasSize(1);
        SubjectErased event = (SubjectErased) events.get(0);
        assertThat(event.getSubjectRef()).isEqualTo(subject);
        assertThat(event.getReason()).isEqualTo("ERASURE_REQUEST");
        assertThat(event.getMetadata().getActingAgency()).isEqualTo(RECEIVER);
        assertThat(event.getMetadata().getProducer()).isEqualTo("referral-service");
        assertThat(event.toString()).doesNotContain("Narrative");
    }

    @Test
    void aSubjectWithNothingToEraseIsAnsweredTheSameAndRecordsNothing() {
        String subject = subject();
        Cases.expect(erase(subject, "RETENTION_ENDED"), 204);
        assertThat(jdbc.sql("SELECT count(*) FROM outbox WHERE message_key = ?").param(subject)
            .query(Long.class).single()).isZero();
    }

    @Test
    void anInvalidErasureRequestIsA400ThatDoesNotEchoTheSubject() {
        var response = api.post(cases().url(ERASURES), Cases.token(RECEIVER, "AUDITOR"),
            Map.of("subjectRef", "has spaces in it", "reason", "BECAUSE"));
        assertThat(response.status()).isEqualTo(400);
        assertThat(response.body().toString()).doesNotContain("has spaces in it");
    }

    /** The retention job erases through the same service method, without an HTTP caller. */
    @Test
    void theRetentionJobErasesThroughTheServiceMethod() {
        String subject = subject();
        String id = submit(subject, "Old case");
        Actor retention = new Actor("nexus", "system:retention");
        assertThat(erasure.erase(subject, ErasureReason.RETENTION_ENDED, retention)).isTrue();
        assertThat(erasure.erase(subject, ErasureReason.RETENTION_ENDED, retention)).isFalse();
        assertThat(read(id).body().get("summary").isNull()).isTrue();
    }

    /** A replay of an idempotent request shows no more than a read would: the stored answer loses its text too. */
    @Test
    void aStoredIdempotentAnswerLosesTheTextWithTheErasure() {
        String subject = subject();
        Map<String, String> key = Map.of("Idempotency-Key", UUID.randomUUID().toString());
        Map<String, Object> body = new HashMap<>(Cases.newReferral());
        body.put("subject", Map.of("ref", subject, "protectedIdentity", false));
        body.put("summary", "Replayed summary");
        var first = api.post(cases().url("/api/v1/referrals"), Cases.caseworker(SENDER), body, key);
        Cases.expect(first, 201);
        assertThat(jdbc.sql("SELECT body_key_id FROM idempotency_keys WHERE idempotency_key = ?")
            .param(key.get("Idempotency-Key")).query(String.class).single()).startsWith("dek:");

        Cases.expect(erase(subject, "ERASURE_REQUEST"), 204);
        var replay = api.post(cases().url("/api/v1/referrals"), Cases.caseworker(SENDER), body, key);
        Cases.expect(replay, 201);
        assertThat(replay.body().get("id")).isEqualTo(first.body().get("id"));
        assertThat(replay.body().get("summary").isNull()).as(replay.body().toString()).isTrue();
    }

    /** Text stored before data keys existed, sealed directly under a master key, reads as before and erases too. */
    @Test
    void textInTheOldFormatStillReadsAndIsDeletedByTheErasure() {
        String subject = subject();
        String id = submit(subject, "placeholder");
        OldFormat.storeSummary(jdbc, UUID.fromString(id), "Old format summary");
        assertThat(jdbc.sql("SELECT summary_key_id FROM referrals WHERE id = ?").param(UUID.fromString(id))
            .query(String.class).single()).isEqualTo("key-1");
        assertThat(read(id).body().get("summary").asText()).isEqualTo("Old format summary");

        Cases.expect(erase(subject, "ERASURE_REQUEST"), 204);
        assertThat(read(id).body().get("summary").isNull()).isTrue();
        assertThat(jdbc.sql("SELECT count(*) FROM referrals WHERE id = ? AND summary_ciphertext IS NULL")
            .param(UUID.fromString(id)).query(Long.class).single()).isOne();
    }

    /** A referral for a person submitted after their erasure gets a new data key; the erased text stays shut. */
    @Test
    void aNewReferralAfterTheErasureIsReadableAndTheErasedTextIsNot() {
        String subject = subject();
        String before = submit(subject, "Before the erasure");
        Cases.expect(erase(subject, "ERASURE_REQUEST"), 204);
        String after = submit(subject, "After the erasure");
        assertThat(read(after).body().get("summary").asText()).isEqualTo("After the erasure");
        assertThat(read(before).body().get("summary").isNull()).isTrue();
    }
}
