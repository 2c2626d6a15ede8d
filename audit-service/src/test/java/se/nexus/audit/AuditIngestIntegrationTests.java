package se.nexus.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

import se.nexus.events.referral.ReferralSubmitted;
import se.nexus.events.subject.SubjectErased;
import se.nexus.infrastructure.KafkaAccess;
import se.nexus.infrastructure.SharedInfrastructure;
import se.nexus.schemas.Topics;
import se.nexus.support.test.NexusIntegrationTest;

@NexusIntegrationTest
class AuditIngestIntegrationTests {

    private static final Duration PATIENCE = Duration.ofSeconds(60);

    private static final TestEvents events = TestEvents.shared();

    @LocalServerPort
    int port;

    @Test
    void aReferralEventIsAppendedWithItsReferencesAgenciesAndPlace() {
        String referralId = UUID.randomUUID().toString();
        ReferralSubmitted submitted = TestEvents.referralSubmitted(referralId, "p-" + referralId.substring(0, 6));
        events.publish(referralId, submitted);

        JsonNode entry = awaitOneEntry("referralId=" + referralId);
        assertThat(entry.get("eventId").asString()).isEqualTo(submitted.getMetadata().getEventId());
        assertThat(entry.get("eventType").asString()).isEqualTo("se.nexus.events.referral.ReferralSubmitted");
        assertThat(entry.get("topic").asString()).isEqualTo(Topics.REFERRALS);
        assertThat(entry.get("offset").isNumber()).isTrue();
        assertThat(entry.get("subjectRef").asString()).isEqualTo(submitted.getSubject().getRef());
        assertThat(entry.get("actingAgency").asString()).isEqualTo(TestEvents.FROM);
        assertThat(agencies(entry)).containsExactly(TestEvents.TO, TestEvents.FROM);
        assertThat(entry.get("occurredAt").asString()).isEqualTo(submitted.getMetadata().getOccurredAt().toString());
        assertThat(entry.get("hash").asString()).hasSize(64);
    }

    @Test
    void aConsentEventIsFoundByItsSubjectAndByTheAgenciesItIsGrantedTo() {
        String subjectRef = "p-" + UUID.randomUUID();
        events.publish(Topics.CONSENTS, subjectRef, TestEvents.consentGranted(subjectRef));

        JsonNode entry = awaitOneEntry("subjectRef=" + subjectRef);
        assertThat(entry.get("eventType").asString()).isEqualTo("se.nexus.events.consent.ConsentGranted");
        assertThat(agencies(entry)).contains("se.uppsala.socialtjanst", TestEvents.TO);
        JsonNode byAgency = api().getJson("/api/v1/audit/entries?agency=se.uppsala.socialtjanst"
            + "&eventType=se.nexus.events.consent.ConsentGranted&size=500");
        List<String> subjects = new ArrayList<>();
        byAgency.get("items").forEach(item -> subjects.add(item.get("subjectRef").asString()));
        assertThat(subjects).contains(subjectRef);
    }

    /**
     * An erasure of a person's free text is a link in the chain like any other event, found by the subject, and the
     * chain still verifies from end to end: it never held the text that was erased.
     */
    @Test
    void aSubjectErasureIsAppendedToTheChainAndTheChainStillVerifies() {
        String subjectRef = "p-" + UUID.randomUUID();
        String referralId = UUID.randomUUID().toString();
        events.publish(referralId, TestEvents.referralSubmitted(referralId, subjectRef));
        events.publish(Topics.CONSENTS, subjectRef, TestEvents.consentGranted(subjectRef));
        SubjectErased erased = TestEvents.subjectErased(subjectRef);
        events.publish(Topics.CONSENTS, subjectRef, erased);

        JsonNode entry = awaitOneEntry("subjectRef=" + subjectRef + "&eventType=se.nexus.events.subject.SubjectErased");
        assertThat(entry.get("eventId").asString()).isEqualTo(erased.getMetadata().getEventId());
        assertThat(entry.get("topic").asString()).isEqualTo(Topics.CONSENTS);
        assertThat(entry.get("actingAgency").asString()).isEqualTo(TestEvents.FROM);
        assertThat(entry.get("actingUserRef").asString()).isEqualTo("auditor-1");
        assertThat(entry.get("hash").asString()).hasSize(64);
        await().atMost(PATIENCE).until(() -> api().getJson("/api/v1/audit/entries?subjectRef=" + subjectRef)
            .get("total").asLong() == 3);
        JsonNode verification = api().verify();
        assertThat(verification.get("valid").asBoolean()).as(verification.toString()).isTrue();
        assertThat(verification.get("length").asLong()).isGreaterThanOrEqualTo(3);
    }

    @Test
    void aRedeliveredEventIsAppendedOnce() throws SQLException {
        String referralId = UUID.randomUUID().toString();
        ReferralSubmitted submitted = TestEvents.referralSubmitted(referralId, "p-redelivered");
        events.publish(referralId, submitted);
        events.publish(referralId, submitted);
        // Same key, same partition: once the marker is in the log, both copies have been consumed.
        String marker = UUID.randomUUID().toString();
        events.publish(referralId, TestEvents.referralSubmitted(marker, "p-marker"));

        awaitOneEntry("referralId=" + marker);
        assertThat(countByEventId(submitted.getMetadata().getEventId())).isEqualTo(1);
        assertThat(api().getJson("/api/v1/audit/entries?referralId=" + referralId).get("total").asLong()).isEqualTo(1);
    }

    @Test
    void anEventOfATypeThisServiceDoesNotKnowIsStillRecorded() {
        String referralId = UUID.randomUUID().toString();
        events.publish(Topics.HANDOVERS, referralId, TestEvents.unknownEvent(referralId));

        JsonNode entry = awaitOneEntry("referralId=" + referralId);
        assertThat(entry.get("eventType").asString()).isEqualTo("se.nexus.events.test.ReferralReopenedForTest");
        assertThat(agencies(entry)).containsExactly("se.aklagarmyndigheten", TestEvents.FROM);
        assertThat(entry.get("occurredAt").isNull()).isTrue();
    }

    @Test
    void everySearchIsItselfAppendedWithWhoAskedAndWhat() throws SQLException {
        String subjectRef = "p-" + UUID.randomUUID();
        api().getJson("/api/v1/audit/entries?subjectRef=" + subjectRef);

        try (Connection connection = OwnerDatabase.connect();
                PreparedStatement query = connection.prepareStatement("SELECT acting_user_ref, acting_agency, details, "
                    + "topic, subject_ref FROM audit_entries WHERE event_type = 'AuditQueryPerformed' AND details LIKE ?")) {
            query.setString(1, "%" + subjectRef + "%");
            try (ResultSet logged = query.executeQuery()) {
                assertThat(logged.next()).isTrue();
                assertThat(logged.getString("acting_user_ref")).isEqualTo(AuditApi.AUDITOR);
                assertThat(logged.getString("acting_agency")).isEqualTo(AuditApi.AUDITOR_AGENCY);
                assertThat(logged.getString("details")).contains("\"query\":\"entries\"",
                    "\"subjectRef\":\"" + subjectRef + "\"");
                assertThat(logged.getString("topic")).isNull();
                assertThat(logged.getString("subject_ref")).as("a search does not show up in the next search").isNull();
                assertThat(logged.next()).isFalse();
            }
        }
    }

    @Test
    void verifyingAndExportingAreAppendedToo(@TempDir Path dir) {
        // A search is appended before it runs, so this count includes the search itself.
        long before = api().getJson("/api/v1/audit/entries?eventType=AuditQueryPerformed&size=1").get("total").asLong();
        api().verify();
        api().exportTo(dir.resolve("export.jsonl"));
        // the verification, the export, and the search below
        assertThat(api().getJson("/api/v1/audit/entries?eventType=AuditQueryPerformed&size=1").get("total").asLong())
            .isEqualTo(before + 3);
    }

    @Test
    void anUnreadableRecordGoesToTheDeadLetterTopicAndTheEventsAfterItAreStillAppended() {
        String key = UUID.randomUUID().toString();
        publishRaw(key, new byte[] {0, 0, 0, 0x7f, 0x7f, 1, 2, 3});
        String referralId = UUID.randomUUID().toString();
        events.publish(key, TestEvents.referralSubmitted(referralId, "p-after-garbage"));

        awaitOneEntry("referralId=" + referralId);
        try (KafkaConsumer<String, byte[]> dlt = rawConsumer()) {
            dlt.subscribe(List.of(Topics.deadLetterTopicOf(Topics.REFERRALS)));
            List<String> keys = new ArrayList<>();
            await().atMost(PATIENCE).until(() -> {
                dlt.poll(Duration.ofMillis(500)).forEach(record -> keys.add(record.key()));
                return keys.contains(key);
            });
        }
    }

    @Test
    void aBurstOfEventsIsAppendedInBatchesNotOneTransactionPerEvent() throws SQLException {
        String subjectRef = "p-burst-" + UUID.randomUUID();
        List<ReferralSubmitted> burst = new ArrayList<>();
        for (int i = 0; i < 2000; i++) {
            burst.add(TestEvents.referralSubmitted(UUID.randomUUID().toString(), subjectRef));
        }
        events.publishAll(Topics.REFERRALS, burst, event -> ((ReferralSubmitted) event).getReferralId());

        long start = System.nanoTime();
        await().atMost(PATIENCE).until(() -> countWhere("subject_ref = ?", subjectRef) == 2000);
        System.out.printf("2000 events appended within %d ms of being published%n", (System.nanoTime() - start) / 1_000_000);
        // Entries appended together share one append time: far fewer distinct times than events means batches.
        assertThat(distinctAppendTimes(subjectRef)).isLessThan(200);
    }

    private static long countWhere(String condition, String value) throws SQLException {
        try (Connection connection = OwnerDatabase.connect();
                PreparedStatement query = connection.prepareStatement("SELECT count(*) FROM audit_entries WHERE " + condition)) {
            query.setString(1, value);
            try (ResultSet result = query.executeQuery()) {
                return result.next() ? result.getLong(1) : 0;
            }
        }
    }

    private static long distinctAppendTimes(String subjectRef) throws SQLException {
        try (Connection connection = OwnerDatabase.connect();
                PreparedStatement query = connection.prepareStatement(
                    "SELECT count(DISTINCT appended_at) FROM audit_entries WHERE subject_ref = ?")) {
            query.setString(1, subjectRef);
            try (ResultSet result = query.executeQuery()) {
                result.next();
                return result.getLong(1);
            }
        }
    }

    private static void publishRaw(String key, byte[] value) {
        Map<String, Object> config = SharedInfrastructure.get().kafka(KafkaAccess.OPERATOR).properties(Map.of(
            ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
            ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class));
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(config)) {
            producer.send(new ProducerRecord<>(Topics.REFERRALS, key, value));
            producer.flush();
        }
    }

    private static KafkaConsumer<String, byte[]> rawConsumer() {
        return new KafkaConsumer<>(SharedInfrastructure.get().kafka(KafkaAccess.OPERATOR).properties(Map.of(
            ConsumerConfig.GROUP_ID_CONFIG, KafkaAccess.operatorGroup("audit-tests"),
            ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest", ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG,
            StringDeserializer.class, ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class)));
    }

    private JsonNode awaitOneEntry(String filter) {
        String path = "/api/v1/audit/entries?" + filter;
        await().atMost(PATIENCE).until(() -> api().getJson(path).get("total").asLong() >= 1);
        JsonNode page = api().getJson(path);
        assertThat(page.get("total").asLong()).isEqualTo(1);
        return page.get("items").get(0);
    }

    private static List<String> agencies(JsonNode entry) {
        List<String> agencies = new ArrayList<>();
        entry.get("agencies").forEach(agency -> agencies.add(agency.asString()));
        return agencies;
    }

    private static long countByEventId(String eventId) throws SQLException {
        try (Connection connection = OwnerDatabase.connect();
                PreparedStatement query = connection.prepareStatement("SELECT count(*) FROM audit_entries WHERE event_id = ?")) {
            query.setString(1, eventId);
            try (ResultSet result = query.executeQuery()) {
                result.next();
                return result.getLong(1);
            }
        }
    }

    private AuditApi api() {
        return new AuditApi(port);
    }
}
