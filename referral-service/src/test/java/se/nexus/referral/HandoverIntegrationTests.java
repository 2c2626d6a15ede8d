package se.nexus.referral;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static se.nexus.referral.Cases.RECEIVER;
import static se.nexus.referral.Cases.SENDER;
import static se.nexus.referral.Cases.TARGET;
import static se.nexus.referral.Cases.UNINVOLVED;
import static se.nexus.referral.Cases.expect;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

import org.apache.avro.specific.SpecificRecord;

import com.fasterxml.jackson.databind.JsonNode;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import se.nexus.events.handover.HandoverCancelled;
import se.nexus.schemas.Topics;
import se.nexus.support.test.ApiClient;
import se.nexus.support.test.NexusIntegrationTest;

/** Handovers: ownership moves only on acceptance, and one pending handover per referral at a time. */
@NexusIntegrationTest
class HandoverIntegrationTests {

    @LocalServerPort
    int port;
    @Autowired
    JdbcClient jdbc;
    final ApiClient api = new ApiClient();

    String owner(Cases cases, String referralId) {
        return api.get(cases.url("/api/v1/referrals/" + referralId), Cases.caseworker(SENDER)).body().get("ownerAgency").asText();
    }

    @Test
    void ownershipMovesOnlyWhenTheTargetAccepts() {
        Cases cases = new Cases(port);
        String referral = cases.accepted();
        var requested = cases.post("/api/v1/referrals/" + referral + "/handovers", RECEIVER,
            Map.of("toAgency", TARGET, "reason", "CRIME_SUSPECTED"));
        expect(requested, 201);
        assertThat(requested.body().get("status").asText()).isEqualTo("PENDING");
        assertThat(owner(cases, referral)).isEqualTo(RECEIVER);
        assertThat(api.get(cases.url("/api/v1/referrals/" + referral), Cases.caseworker(TARGET)).status()).isEqualTo(404);

        expect(cases.post("/api/v1/handovers/" + requested.body().get("id").asText() + "/accept", TARGET, Map.of()), 200);
        assertThat(owner(cases, referral)).isEqualTo(TARGET);
        assertThat(api.get(cases.url("/api/v1/referrals/" + referral), Cases.caseworker(TARGET)).status()).isEqualTo(200);
    }

    @Test
    void aSecondHandoverWaitsUntilTheFirstIsDecided() {
        Cases cases = new Cases(port);
        String referral = cases.accepted();
        String first = cases.post("/api/v1/referrals/" + referral + "/handovers", RECEIVER,
            Map.of("toAgency", TARGET, "reason", "CRIME_SUSPECTED")).body().get("id").asText();
        var second = cases.post("/api/v1/referrals/" + referral + "/handovers", RECEIVER,
            Map.of("toAgency", "se.aklagarmyndigheten", "reason", "CRIME_SUSPECTED"));
        expect(second, 409);
        assertThat(second.contentType()).startsWith("application/problem+json");

        expect(cases.post("/api/v1/handovers/" + first + "/decline", TARGET, Map.of("reason", "NOT_IN_REMIT")), 200);
        assertThat(owner(cases, referral)).isEqualTo(RECEIVER);
        expect(cases.post("/api/v1/referrals/" + referral + "/handovers", RECEIVER,
            Map.of("toAgency", "se.aklagarmyndigheten", "reason", "CRIME_SUSPECTED")), 201);
    }

    @Test
    void closingAReferralCancelsItsPendingHandoverAndTellsTheTarget() {
        Cases cases = new Cases(port);
        String referral = cases.accepted();
        String handover = cases.post("/api/v1/referrals/" + referral + "/handovers", RECEIVER,
            Map.of("toAgency", TARGET, "reason", "CRIME_SUSPECTED")).body().get("id").asText();

        expect(cases.post("/api/v1/referrals/" + referral + "/close", RECEIVER, Map.of()), 200);

        var ended = api.get(cases.url("/api/v1/handovers/" + handover), Cases.caseworker(TARGET));
        assertThat(ended.body().get("status").asText()).isEqualTo("CANCELLED");
        expect(cases.post("/api/v1/handovers/" + handover + "/accept", TARGET, Map.of()), 409);
        await().atMost(java.time.Duration.ofSeconds(30)).untilAsserted(() -> assertThat(
            KafkaEvents.forKey(Topics.HANDOVERS, referral).stream().map(SpecificRecord::getClass))
            .contains(HandoverCancelled.class));
    }

    @Test
    void aHandoverToAnUnknownAgencyOrWithoutAReasonIs400() {
        Cases cases = new Cases(port);
        String referral = cases.accepted();
        expect(cases.post("/api/v1/referrals/" + referral + "/handovers", RECEIVER,
            Map.of("toAgency", "se.nowhere", "reason", "CRIME_SUSPECTED")), 400);
        expect(cases.post("/api/v1/referrals/" + referral + "/handovers", RECEIVER,
            Map.of("toAgency", "se.lansstyrelsen.uppsala", "reason", "CRIME_SUSPECTED")), 400);
        expect(cases.post("/api/v1/referrals/" + referral + "/handovers", RECEIVER, Map.of("toAgency", TARGET)), 400);
    }

    @Test
    void listsShowTheSentAndReceivedBoxesWithPaging() {
        Cases cases = new Cases(port);
        String referral = cases.received();
        var received = api.get(cases.url("/api/v1/referrals?box=received&status=RECEIVED&size=100"), Cases.caseworker(RECEIVER));
        assertThat(received.status()).isEqualTo(200);
        assertThat(received.body().get("items").findValuesAsText("id")).contains(referral);
        assertThat(received.body().get("total").asLong()).isGreaterThanOrEqualTo(1);
        var sentBySender = api.get(cases.url("/api/v1/referrals?box=sent&size=1&page=0"), Cases.caseworker(SENDER));
        assertThat(sentBySender.body().get("items").size()).isEqualTo(1);
        assertThat(sentBySender.body().get("size").asInt()).isEqualTo(1);
        var receivedBySender = api.get(cases.url("/api/v1/referrals?box=received&status=RECEIVED&size=100"), Cases.caseworker(SENDER));
        assertThat(receivedBySender.body().get("items").findValuesAsText("id")).doesNotContain(referral);
        assertThat(api.get(cases.url("/api/v1/referrals?box=other"), Cases.caseworker(SENDER)).status()).isEqualTo(400);
        assertThat(api.get(cases.url("/api/v1/referrals?size=1000"), Cases.caseworker(SENDER)).status()).isEqualTo(400);
    }

    ApiClient.Response handovers(Cases cases, String agency, String query) {
        return api.get(cases.url("/api/v1/handovers?" + query), Cases.caseworker(agency));
    }

    List<String> ids(Cases cases, String agency, String query) {
        var response = handovers(cases, agency, query);
        expect(response, 200);
        return response.body().get("items").findValuesAsText("id");
    }

    @Test
    void handoverListsShowTheCallersAgencysBoxesNewestFirst() {
        Cases cases = new Cases(port);
        String older = cases.pendingHandover();
        String newer = cases.pendingHandover();

        var received = handovers(cases, TARGET, "box=received&status=PENDING&size=100");
        expect(received, 200);
        JsonNode items = received.body().get("items");
        assertThat(items.findValuesAsText("id")).startsWith(newer, older);
        assertThat(items.findValuesAsText("toAgency")).containsOnly(TARGET);
        assertThat(items.findValuesAsText("status")).containsOnly("PENDING");
        assertThat(items.findValuesAsText("createdAt").stream().map(Instant::parse).toList())
            .isSortedAccordingTo(Comparator.reverseOrder());
        assertThat(ids(cases, TARGET, "size=100")).as("received is the default box").startsWith(newer, older);

        var sent = handovers(cases, RECEIVER, "box=sent&size=100");
        assertThat(sent.body().get("items").findValuesAsText("id")).startsWith(newer, older);
        assertThat(sent.body().get("items").findValuesAsText("fromAgency")).containsOnly(RECEIVER);

        assertThat(ids(cases, TARGET, "box=sent&size=100")).doesNotContain(newer, older);
        assertThat(ids(cases, RECEIVER, "box=received&size=100")).doesNotContain(newer, older);
        for (String stranger : List.of(SENDER, UNINVOLVED)) {
            for (String box : List.of("received", "sent")) {
                var list = handovers(cases, stranger, "box=" + box + "&size=100");
                expect(list, 200);
                assertThat(list.body().get("items").findValuesAsText("id")).doesNotContain(newer, older);
                assertThat(list.body().get("items").findValuesAsText(box.equals("sent") ? "fromAgency" : "toAgency"))
                    .allMatch(stranger::equals);
            }
        }
    }

    @Test
    void handoverListsFilterByStatusAndPage() {
        Cases cases = new Cases(port);
        String declined = cases.pendingHandover();
        String pending = cases.pendingHandover();
        expect(cases.post("/api/v1/handovers/" + declined + "/decline", TARGET, Map.of("reason", "NO_CAPACITY")), 200);

        assertThat(ids(cases, TARGET, "status=PENDING&size=100")).contains(pending).doesNotContain(declined);
        var onlyDeclined = handovers(cases, TARGET, "status=DECLINED&size=100");
        assertThat(onlyDeclined.body().get("items").findValuesAsText("id")).startsWith(declined).doesNotContain(pending);
        assertThat(onlyDeclined.body().get("items").findValuesAsText("status")).containsOnly("DECLINED");
        assertThat(onlyDeclined.body().get("total").asLong()).isEqualTo(jdbc.sql(
            "SELECT count(*) FROM handovers WHERE to_agency = ? AND status = 'DECLINED'").param(TARGET)
            .query(Long.class).single());

        long all = jdbc.sql("SELECT count(*) FROM handovers WHERE to_agency = ?").param(TARGET).query(Long.class).single();
        var first = handovers(cases, TARGET, "box=received&page=0&size=1");
        var second = handovers(cases, TARGET, "box=received&page=1&size=1");
        assertThat(first.body().get("items").findValuesAsText("id")).containsExactly(pending);
        assertThat(second.body().get("items").findValuesAsText("id")).containsExactly(declined);
        assertThat(second.body().get("page").asInt()).isEqualTo(1);
        assertThat(second.body().get("size").asInt()).isEqualTo(1);
        assertThat(List.of(first.body().get("total").asLong(), second.body().get("total").asLong()))
            .containsOnly(all);

        for (String bad : List.of("box=other", "size=1000", "size=0", "page=-1", "status=MAYBE")) {
            var refused = handovers(cases, TARGET, bad);
            expect(refused, 400);
            assertThat(refused.contentType()).as(bad).startsWith("application/problem+json");
        }
    }
}
