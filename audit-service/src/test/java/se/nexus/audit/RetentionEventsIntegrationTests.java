package se.nexus.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Period;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import se.nexus.audit.log.ChainRetentionProperties;
import se.nexus.events.EventMetadata;
import se.nexus.events.referral.LegalHoldPlaced;
import se.nexus.events.retention.PurgedRecords;
import se.nexus.events.retention.RecordsPurged;
import se.nexus.schemas.Topics;
import se.nexus.support.test.NexusIntegrationTest;

/**
 * The retention of the other services leaves its trace here: a legal hold is an entry of its case, and a deletion run
 * an entry whose details say how many of which class went, and nothing of what they were. The chain itself is never
 * pruned, and keeps at least five years.
 */
@NexusIntegrationTest
class RetentionEventsIntegrationTests {

    private static final Duration PATIENCE = Duration.ofSeconds(60);

    private static final TestEvents events = TestEvents.shared();

    @LocalServerPort
    int port;

    @Test
    void aDeletionRunIsAnEntryWithItsCountsByRecordClass() throws Exception {
        String eventId = UUID.randomUUID().toString();
        EventMetadata metadata = EventMetadata.newBuilder(TestEvents.metadata(eventId)).setProducer("referral-service")
            .setActingAgency("nexus").setActingUserRef("system:retention").build();
        events.publish(Topics.RETENTION, "referral-service", RecordsPurged.newBuilder().setMetadata(metadata)
            .setPurged(List.of(new PurgedRecords("referrals", 3L, "P5Y"), new PurgedRecords("handovers", 1L, "P5Y")))
            .build());

        JsonNode entry = awaitEntry("eventType=se.nexus.events.retention.RecordsPurged", eventId);
        assertThat(entry.get("topic").asString()).isEqualTo(Topics.RETENTION);
        assertThat(entry.get("producer").asString()).isEqualTo("referral-service");
        JsonNode details = JsonMapper.builder().build().readTree(entry.get("details").asString());
        assertThat(details.get("purged").toString()).isEqualTo("""
            [{"recordClass":"referrals","count":3,"retainedFor":"P5Y"},\
            {"recordClass":"handovers","count":1,"retainedFor":"P5Y"}]""");
        assertThat(entry.get("referralId").isNull()).isTrue();
        assertThat(entry.get("subjectRef").isNull()).isTrue();
        JsonNode verification = new AuditApi(port).verify();
        assertThat(verification.get("valid").asBoolean()).as(verification.toString()).isTrue();
    }

    @Test
    void aLegalHoldIsAnEntryOfItsCase() {
        String referralId = UUID.randomUUID().toString();
        String eventId = UUID.randomUUID().toString();
        events.publish(Topics.REFERRALS, referralId, LegalHoldPlaced.newBuilder()
            .setMetadata(TestEvents.metadata(eventId)).setReferralId(referralId).setReason("SUPERVISION").build());

        JsonNode entry = awaitEntry("referralId=" + referralId, eventId);
        assertThat(entry.get("eventType").asString()).isEqualTo("se.nexus.events.referral.LegalHoldPlaced");
        assertThat(entry.get("actingAgency").asString()).isEqualTo(TestEvents.FROM);
    }

    @Test
    void theChainKeepsAtLeastFiveYears() {
        assertThat(new ChainRetentionProperties(Period.ofYears(10)).minimum()).isEqualTo(Period.ofYears(10));
        assertThatThrownBy(() -> new ChainRetentionProperties(Period.ofYears(4)))
            .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at least P5Y");
    }

    private JsonNode awaitEntry(String filter, String eventId) {
        AuditApi api = new AuditApi(port);
        String path = "/api/v1/audit/entries?size=500&" + filter;
        await().atMost(PATIENCE).until(() -> find(api.getJson(path), eventId) != null);
        return find(api.getJson(path), eventId);
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
