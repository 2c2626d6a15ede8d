package se.nexus.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.stream.StreamSupport;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

import se.nexus.audit.chain.ChainHash;
import se.nexus.audit.chain.Entry;
import se.nexus.audit.chain.Hex;
import se.nexus.support.test.NexusIntegrationTest;

/** An auditor opens one entry by its position and sees the hash it was chained to; the read is logged first. */
@NexusIntegrationTest
class EntryReadIntegrationTests {

    private static final TestEvents events = TestEvents.shared();

    @LocalServerPort
    int port;

    private JsonNode submitted;

    @BeforeEach
    void aReferralInTheLog() {
        String referralId = UUID.randomUUID().toString();
        events.publish(referralId, TestEvents.referralSubmitted(referralId, "p-entry"));
        await().atMost(Duration.ofSeconds(60))
            .until(() -> api().getJson("/api/v1/audit/entries?referralId=" + referralId).get("total").asLong() == 1);
        submitted = api().getJson("/api/v1/audit/entries?referralId=" + referralId).get("items").get(0);
    }

    @Test
    void anEntryIsServedAsTheSearchShowsItWithTheHashItWasChainedTo() {
        long position = submitted.get("position").asLong();
        JsonNode read = api().getJson("/api/v1/audit/entries/" + position);

        assertThat(read.get("entry")).isEqualTo(submitted);
        assertThat(text(submitted, "signingKeyId")).as("the key the test's producer signed with").matches("[0-9a-f]{16}");
        String previousHash = read.get("previousHash").asString();
        assertThat(previousHash).isEqualTo(api().getJson("/api/v1/audit/entries/" + (position - 1))
            .get("entry").get("hash").asString());
        assertThat(Hex.of(ChainHash.next(Hex.parse(previousHash), entry(read.get("entry")))))
            .isEqualTo(submitted.get("hash").asString());
    }

    @Test
    void theFirstEntryWasChainedToNothing() {
        JsonNode first = api().getJson("/api/v1/audit/entries/1");
        assertThat(first.get("entry").get("position").asLong()).isEqualTo(1);
        assertThat(first.get("previousHash").isNull()).isTrue();
    }

    @Test
    void aPositionBeyondTheHeadIsA404ProblemDetail() {
        HttpResponse<String> response = api().get("/api/v1/audit/entries/9000000000", AuditApi.auditorToken());
        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
            type -> assertThat(type).startsWith("application/problem+json"));
        assertThat(AuditApi.parse(response.body()).get("type").asString()).endsWith("/entry-not-found");
    }

    @Test
    void aPositionBelowOneOrNotANumberIsA400ThatNamesIt() {
        for (String position : List.of("0", "-1", "first")) {
            HttpResponse<String> response = api().get("/api/v1/audit/entries/" + position, AuditApi.auditorToken());
            assertThat(response.statusCode()).as(position).isEqualTo(400);
            assertThat(response.body()).as(position).contains("\"field\":\"position\"");
        }
    }

    @Test
    void theReadIsLoggedWithThePositionAndWhoReadIt() {
        long position = submitted.get("position").asLong();
        api().getJson("/api/v1/audit/entries/" + position);

        JsonNode logged = api().getJson("/api/v1/audit/entries?eventType=AuditQueryPerformed&size=500&agency="
            + AuditApi.AUDITOR_AGENCY + "&from=" + Instant.now().minusSeconds(60));
        assertThat(StreamSupport.stream(logged.get("items").spliterator(), false))
            .anySatisfy(item -> {
                assertThat(item.get("actingUserRef").asString()).isEqualTo(AuditApi.AUDITOR);
                assertThat(item.get("details").asString()).contains("\"query\":\"entry\"")
                    .contains("\"position\":" + position);
            });
    }

    /** The entry's fields as its hash covers them, read back from the API's answer. */
    private static Entry entry(JsonNode view) {
        List<String> agencies = StreamSupport.stream(view.get("agencies").spliterator(), false)
            .map(JsonNode::asString).toList();
        return new Entry(view.get("position").asLong(), text(view, "eventId"), text(view, "eventType"),
            text(view, "topic"), view.get("partition").isNull() ? null : view.get("partition").asInt(),
            view.get("offset").isNull() ? null : view.get("offset").asLong(), millis(view, "occurredAt"),
            millis(view, "appendedAt"), text(view, "producer"), text(view, "actingAgency"),
            text(view, "actingUserRef"), text(view, "referralId"), text(view, "subjectRef"), agencies,
            text(view, "details"), text(view, "signingKeyId"), text(view, "eventSignature"));
    }

    private static String text(JsonNode view, String field) {
        return view.get(field).isNull() ? null : view.get(field).asString();
    }

    private static Long millis(JsonNode view, String field) {
        return view.get(field).isNull() ? null : Instant.parse(view.get(field).asString()).toEpochMilli();
    }

    private AuditApi api() {
        return new AuditApi(port);
    }
}
