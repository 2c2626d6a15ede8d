package se.nexus.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

import se.nexus.events.EventMetadata;
import se.nexus.events.operations.DeadLetterResolved;
import se.nexus.schemas.Topics;
import se.nexus.support.test.NexusIntegrationTest;

/** An operator's action on a dead letter in another service is an entry of the chain, naming the operator. */
@NexusIntegrationTest
class OperationsEventsIntegrationTests {

    private static final TestEvents events = TestEvents.shared();

    @LocalServerPort
    int port;

    @Test
    void aResolvedDeadLetterIsAnEntryNamingTheOperator() {
        String eventId = UUID.randomUUID().toString();
        String deadLetterId = UUID.randomUUID().toString();
        EventMetadata metadata = EventMetadata.newBuilder(TestEvents.metadata(eventId))
            .setProducer("notification-service").setActingAgency("se.uppsala.nexus").setActingUserRef("op-1")
            .setCorrelationId(deadLetterId).build();
        events.publish(Topics.OPERATIONS, "case-events", DeadLetterResolved.newBuilder().setMetadata(metadata)
            .setDeadLetterId(deadLetterId).setConsumerGroup("case-events").setTopic(Topics.REFERRALS).setPartition(1)
            .setOffset(42L).setMessageKey(UUID.randomUUID().toString()).setEventType(null).setReleased(2)
            .setStillParked(0).build());

        AuditApi api = new AuditApi(port);
        String path = "/api/v1/audit/entries?size=500&eventType=se.nexus.events.operations.DeadLetterResolved";
        await().atMost(Duration.ofSeconds(60)).until(() -> find(api.getJson(path), eventId) != null);
        JsonNode entry = find(api.getJson(path), eventId);
        assertThat(entry.get("topic").asString()).isEqualTo(Topics.OPERATIONS);
        assertThat(entry.get("actingAgency").asString()).isEqualTo("se.uppsala.nexus");
        assertThat(entry.get("actingUserRef").asString()).isEqualTo("op-1");
        JsonNode verification = api.verify();
        assertThat(verification.get("valid").asBoolean()).as(verification.toString()).isTrue();
    }

    private static JsonNode find(JsonNode page, String eventId) {
        for (JsonNode item : page.get("items")) {
            if (eventId.equals(item.get("eventId").asString())) {
                return item;
            }
        }
        return null;
    }
}
