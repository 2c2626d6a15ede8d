package se.nexus.notification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import com.fasterxml.jackson.databind.JsonNode;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import se.nexus.events.operations.DeadLetterReplayFailed;
import se.nexus.events.operations.DeadLetterReplayed;
import se.nexus.events.operations.DeadLetterResolved;
import se.nexus.events.referral.ReferralSubmitted;
import se.nexus.events.referral.ReferralWithdrawn;
import se.nexus.infrastructure.KafkaAccess;
import se.nexus.infrastructure.SharedInfrastructure;
import se.nexus.schemas.Topics;
import se.nexus.support.test.ApiClient;

/**
 * A referral's events stay in order behind one that failed: later events of that referral are parked, not applied,
 * while other referrals' events flow; an operator's replay or resolve releases them in order, and is an event for the
 * audit chain. Real Kafka, PostgreSQL and HTTP.
 */
@NotificationServiceTest
class DeadLetterIntegrationTests {

    static final String RECEIVER = NotificationIntegrationTests.RECEIVER;
    static final String RESOURCE_CENTRE = CaseEventsTestData.RESOURCE_CENTRE;
    static final String GROUP = "case-events";
    static final Duration WAIT = Duration.ofSeconds(30);

    @LocalServerPort
    int port;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    MeterRegistry meters;
    final ApiClient api = new ApiClient();

    @Test
    void aReferralWaitsBehindItsDeadLetterWhileOthersFlowAndAReplayAppliesItsEventsOnceInOrder() {
        ReferralSubmitted submitted = NotificationIntegrationTests.submitted(false);
        String referral = submitted.getReferralId();
        rejectNotificationsAbout(referral);
        JsonNode dead;
        try {
            CaseEventsTestData.send(Topics.REFERRALS, referral, submitted);
            dead = await("the failed event is recorded DEAD").atMost(WAIT).until(() -> listed("DEAD", referral), found -> found != null);
        } finally {
            allowNotificationsAbout(referral);
        }
        assertThat(dead.get("consumerGroup").asText()).isEqualTo(GROUP);
        assertThat(dead.get("eventType").asText()).isEqualTo(ReferralSubmitted.class.getName());
        assertThat(dead.get("reason").asText()).doesNotContain(referral).doesNotContain("rejected");

        CaseEventsTestData.send(Topics.REFERRALS, referral, withdrawn(submitted));
        ReferralSubmitted other = NotificationIntegrationTests.submitted(false);
        CaseEventsTestData.send(Topics.REFERRALS, other.getReferralId(), other);
        await("another referral flows").atMost(WAIT).until(() -> about(other.getReferralId()).size() == 1);
        await("the later event is parked").atMost(WAIT).until(() -> listed("PARKED", referral) != null);
        assertThat(about(referral)).as("nothing of the waiting referral is applied").isEmpty();
        assertThat(gauge("nexus.kafka.parked")).isGreaterThanOrEqualTo(1);
        assertThat(gauge("nexus.kafka.dead.letters.open")).isGreaterThanOrEqualTo(1);

        String replay = url("/" + dead.get("id").asText() + "/replay");
        assertThat(api.post(replay, CaseEventsTestData.coordinator(RESOURCE_CENTRE), Map.of()).status()).isEqualTo(403);
        assertThat(api.post(url("/" + UUID.randomUUID() + "/replay"), operator(), Map.of()).status()).isEqualTo(404);
        var replayed = api.post(replay, operator(), Map.of());
        assertThat(replayed.status()).isEqualTo(200);
        assertThat(replayed.body().at("/deadLetter/status").asText()).isEqualTo("REPLAYED");
        assertThat(replayed.body().get("released").asInt()).isEqualTo(1);

        List<JsonNode> applied = about(referral);
        assertThat(applied).extracting(n -> n.get("eventType").asText())
            .as("each once, newest first: the withdrawal after the submission")
            .containsExactly("REFERRAL_WITHDRAWN", "REFERRAL_SUBMITTED");
        assertThat(applied.get(0).get("seq").asLong()).isGreaterThan(applied.get(1).get("seq").asLong());
        assertThat(listed("PARKED", referral)).isNull();

        var again = api.post(replay, operator(), Map.of());
        assertThat(again.status()).isEqualTo(409);
        assertThat(again.body().get("type").asText()).endsWith("/dead-letter-not-dead");

        DeadLetterReplayed event = operationEvent(DeadLetterReplayed.class, dead.get("id").asText());
        assertThat(event.getMetadata().getActingAgency()).isEqualTo(RESOURCE_CENTRE);
        assertThat(event.getConsumerGroup()).isEqualTo(GROUP);
        assertThat(event.getTopic()).isEqualTo(Topics.REFERRALS);
        assertThat(event.getOffset()).isEqualTo(dead.get("offset").asLong());
        assertThat(event.getReleased()).isEqualTo(1);
    }

    @Test
    void anUnreadableRecordThatFailsAgainStaysDeadAndResolvingItReleasesWhatWaits() throws Exception {
        String referral = UUID.randomUUID().toString();
        sendUnreadable(referral);
        JsonNode dead = await("the unreadable record is recorded DEAD").atMost(WAIT)
            .until(() -> listed("DEAD", referral), found -> found != null);
        ReferralSubmitted next = ReferralSubmitted.newBuilder(NotificationIntegrationTests.submitted(false))
            .setReferralId(referral).build();
        CaseEventsTestData.send(Topics.REFERRALS, referral, next);
        await("the next event of the referral is parked").atMost(WAIT).until(() -> listed("PARKED", referral) != null);
        assertThat(about(referral)).isEmpty();

        String id = dead.get("id").asText();
        var replay = api.post(url("/" + id + "/replay"), operator(), Map.of());
        assertThat(replay.status()).isEqualTo(409);
        assertThat(replay.body().get("type").asText()).endsWith("/dead-letter-replay-failed");
        assertThat(api.get(url("/" + id), operator()).body().get("status").asText()).isEqualTo("DEAD");
        assertThat(listed("PARKED", referral)).as("still waiting").isNotNull();
        assertThat(operationEvent(DeadLetterReplayFailed.class, id).getReason()).contains("DeserializationException");

        var resolved = api.post(url("/" + id + "/resolve"), operator(), Map.of());
        assertThat(resolved.status()).isEqualTo(200);
        assertThat(resolved.body().at("/deadLetter/status").asText()).isEqualTo("RESOLVED");
        assertThat(resolved.body().get("released").asInt()).isEqualTo(1);
        assertThat(about(referral)).extracting(n -> n.get("eventType").asText()).containsExactly("REFERRAL_SUBMITTED");
        assertThat(operationEvent(DeadLetterResolved.class, id).getMetadata().getActingAgency()).isEqualTo(RESOURCE_CENTRE);

        var replayResolved = api.post(url("/" + id + "/replay"), operator(), Map.of());
        assertThat(replayResolved.status()).isEqualTo(409);
        assertThat(replayResolved.body().get("detail").asText()).contains("RESOLVED");
        assertThat(api.post(url("/" + id + "/resolve"), operator(), Map.of()).status()).isEqualTo(409);
    }

    @Test
    void onlyOperatorsSeeTheDeadLetters() {
        assertThat(api.get(url(""), null).status()).isEqualTo(401);
        assertThat(api.get(url(""), CaseEventsTestData.coordinator(RESOURCE_CENTRE)).status()).isEqualTo(403);
        var page = api.get(url("?size=5"), operator());
        assertThat(page.status()).isEqualTo(200);
        assertThat(page.body().get("size").asInt()).isEqualTo(5);
        page.body().get("items").forEach(item -> assertThat(item.has("payload")).isFalse());
        assertThat(api.get(url("/" + UUID.randomUUID()), operator()).status()).isEqualTo(404);
    }

    private String url(String rest) {
        return "http://localhost:" + port + "/api/admin/dead-letters" + rest;
    }

    private static String operator() {
        return SharedInfrastructure.get().tokenIssuer().issue("op-1", RESOURCE_CENTRE, Set.of("OPERATOR"));
    }

    /** The newest row of this status and key, or null. */
    private JsonNode listed(String status, String key) {
        var page = api.get(url("?status=" + status + "&size=100"), operator());
        assertThat(page.status()).isEqualTo(200);
        for (JsonNode item : page.body().get("items")) {
            if (key.equals(item.path("key").asText())) {
                return item;
            }
        }
        return null;
    }

    private List<JsonNode> about(String referral) {
        return CaseEventsTestData.inboxAbout(api, port, RECEIVER, referral);
    }

    private double gauge(String name) {
        Gauge gauge = meters.find(name).tag("group", GROUP).gauge();
        return gauge == null ? 0 : gauge.value();
    }

    /** The operator's event for the dead letter, as written to the outbox for the audit chain. */
    private <T extends SpecificRecord> T operationEvent(Class<T> type, String deadLetterId) {
        List<byte[]> payloads = jdbc.sql("SELECT payload FROM outbox WHERE topic = ? AND event_type = ? ORDER BY id")
            .params(Topics.OPERATIONS, type.getName()).query(byte[].class).list();
        for (byte[] payload : payloads) {
            T event = decode(type, payload);
            if (deadLetterId.equals(event.get(event.getSchema().getField("deadLetterId").pos()).toString())) {
                return event;
            }
        }
        throw new AssertionError("No " + type.getSimpleName() + " for dead letter " + deadLetterId);
    }

    private static <T extends SpecificRecord> T decode(Class<T> type, byte[] payload) {
        try {
            return new SpecificDatumReader<>(type).read(null, DecoderFactory.get().binaryDecoder(payload, null));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static ReferralWithdrawn withdrawn(ReferralSubmitted submitted) {
        return ReferralWithdrawn.newBuilder()
            .setMetadata(se.nexus.events.EventMetadata.newBuilder(submitted.getMetadata())
                .setEventId(UUID.randomUUID().toString()).build())
            .setReferralId(submitted.getReferralId()).setFromAgency(submitted.getFromAgency())
            .setToAgency(submitted.getToAgency()).setSubject(submitted.getSubject()).setUrgency(submitted.getUrgency())
            .build();
    }

    private static void sendUnreadable(String key) throws Exception {
        try (var producer = new KafkaProducer<>(SharedInfrastructure.get().kafka(KafkaAccess.OPERATOR).properties(), new StringSerializer(), new ByteArraySerializer())) {
            producer.send(new ProducerRecord<>(Topics.REFERRALS, key, new byte[] { 0, 0, 0, 0x7f, 1, 2 })).get();
        }
    }

    /** A fault in this referral's processing, as a broken deployment or a database problem would cause. */
    private void rejectNotificationsAbout(String referral) {
        String name = trigger(referral);
        jdbc.sql("CREATE FUNCTION " + name + "() RETURNS trigger LANGUAGE plpgsql AS "
            + "$$ BEGIN RAISE EXCEPTION 'rejected by the test'; END $$").update();
        jdbc.sql("CREATE TRIGGER " + name + " BEFORE INSERT ON notifications FOR EACH ROW WHEN (NEW.referral_id = '"
            + UUID.fromString(referral) + "') EXECUTE FUNCTION " + name + "()").update();
    }

    private void allowNotificationsAbout(String referral) {
        String name = trigger(referral);
        jdbc.sql("DROP TRIGGER IF EXISTS " + name + " ON notifications").update();
        jdbc.sql("DROP FUNCTION IF EXISTS " + name + "()").update();
    }

    private static String trigger(String referral) {
        return "reject_" + referral.replace("-", "");
    }
}
