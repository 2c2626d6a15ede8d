package se.nexus.referral;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static se.nexus.referral.Cases.RECEIVER;
import static se.nexus.referral.Cases.SENDER;
import static se.nexus.referral.Cases.TARGET;
import static se.nexus.referral.Cases.expect;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.TestPropertySource;

import se.nexus.infrastructure.KafkaBroker;
import se.nexus.infrastructure.SharedInfrastructure;
import se.nexus.schemas.Topics;
import se.nexus.support.test.NexusIntegrationTest;

/** The outbox relay on real Kafka: order per case under load, and nothing lost while the broker is down. */
@NexusIntegrationTest
@TestPropertySource(properties = "nexus.outbox.lag-threshold=2s")
class OutboxRelayIntegrationTests {

    static final List<String> REFERRAL_EVENTS = List.of("ReferralSubmitted", "ReferralReceived", "ReferralAccepted", "ReferralClosed");
    static final List<String> HANDOVER_EVENTS = List.of("HandoverRequested", "HandoverCancelled", "HandoverRequested",
        "HandoverDeclined", "HandoverRequested", "HandoverAccepted");

    @LocalServerPort
    int port;

    @Test
    void aThousandTransitionsOverAHundredReferralsArriveInOrderPerReferral() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        List<Future<String>> cases = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            cases.add(pool.submit(this::tenTransitions));
        }
        List<String> ids = new ArrayList<>();
        for (Future<String> future : cases) {
            ids.add(future.get());
        }
        pool.shutdown();

        await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofSeconds(2)).untilAsserted(() -> {
            Map<String, List<String>> referrals = typesByKey(Topics.REFERRALS, ids);
            Map<String, List<String>> handovers = typesByKey(Topics.HANDOVERS, ids);
            for (String id : ids) {
                assertThat(referrals.get(id)).as("referral events of " + id).isEqualTo(REFERRAL_EVENTS);
                assertThat(handovers.get(id)).as("handover events of " + id).isEqualTo(HANDOVER_EVENTS);
            }
        });
    }

    @Test
    void eventsMadeWhileTheBrokerIsDownAreAllDeliveredWhenItIsBack() throws Exception {
        KafkaBroker broker = SharedInfrastructure.get().kafkaBroker().orElse(null);
        Assumptions.assumeTrue(broker != null, "needs the embedded broker, which the test can stop");
        Cases cases = new Cases(port);
        List<String> ids = new ArrayList<>();
        broker.stop();
        try {
            for (int i = 0; i < 20; i++) {
                String id = cases.submitted();
                expect(cases.post("/api/v1/referrals/" + id + "/receive", RECEIVER, Map.of()), 200);
                ids.add(id);
            }
            await("readiness while the outbox lags").atMost(Duration.ofSeconds(30)).until(() -> readiness() == 503);
        } finally {
            broker.restart();
        }
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofSeconds(2)).untilAsserted(() -> {
            Map<String, List<String>> delivered = typesByKey(Topics.REFERRALS, ids);
            for (String id : ids) {
                assertThat(delivered.get(id)).as(id).isEqualTo(List.of("ReferralSubmitted", "ReferralReceived"));
            }
        });
        await().atMost(Duration.ofSeconds(30)).until(() -> readiness() == 200);
    }

    private int readiness() {
        return new se.nexus.support.test.ApiClient().get("http://localhost:" + port + "/actuator/health/readiness", null).status();
    }

    /** Ten transitions of one case: four of the referral and six of its handovers. */
    private String tenTransitions() {
        Cases cases = new Cases(port);
        String id = cases.accepted();
        String first = requestHandover(cases, id);
        expect(cases.post("/api/v1/handovers/" + first + "/cancel", RECEIVER, Map.of()), 200);
        String second = requestHandover(cases, id);
        expect(cases.post("/api/v1/handovers/" + second + "/decline", TARGET, Map.of("reason", "NO_CAPACITY")), 200);
        String third = requestHandover(cases, id);
        expect(cases.post("/api/v1/handovers/" + third + "/accept", TARGET, Map.of()), 200);
        expect(cases.post("/api/v1/referrals/" + id + "/close", TARGET, Map.of()), 200);
        return id;
    }

    private static String requestHandover(Cases cases, String id) {
        var response = cases.post("/api/v1/referrals/" + id + "/handovers", RECEIVER,
            Map.of("toAgency", TARGET, "reason", "CRIME_SUSPECTED"));
        expect(response, 201);
        return response.body().get("id").asText();
    }

    /**
     * The event types under each key in the order Kafka holds them, each event once: delivery is at
     * least once by design (a batch whose acknowledgement was lost is published again, and consumers
     * skip event ids they have processed), so a repeated event id is not a new event.
     */
    private static Map<String, List<String>> typesByKey(String topic, List<String> keys) {
        Map<String, List<String>> types = new HashMap<>();
        java.util.Set<Object> seen = new java.util.HashSet<>();
        keys.forEach(key -> types.put(key, new ArrayList<>()));
        try (var consumer = KafkaEvents.consumer()) {
            consumer.subscribe(List.of(topic));
            long quietSince = System.currentTimeMillis();
            while (System.currentTimeMillis() - quietSince < 2000) {
                for (ConsumerRecord<String, Object> record : consumer.poll(Duration.ofMillis(300))) {
                    quietSince = System.currentTimeMillis();
                    List<String> ofKey = types.get(record.key());
                    SpecificRecord event = (SpecificRecord) record.value();
                    Object eventId = ((org.apache.avro.generic.GenericRecord) event.get(0)).get("eventId");
                    if (ofKey != null && seen.add(eventId)) {
                        ofKey.add(event.getSchema().getName());
                    }
                }
            }
        }
        return Collections.unmodifiableMap(types);
    }
}
