package se.nexus.referral;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static se.nexus.referral.Cases.RECEIVER;
import static se.nexus.referral.Cases.SENDER;
import static se.nexus.referral.Cases.TARGET;
import static se.nexus.referral.Cases.expect;

import java.util.Map;

import org.apache.avro.specific.SpecificRecord;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

import se.nexus.events.handover.HandoverCancelled;
import se.nexus.schemas.Topics;
import se.nexus.support.test.ApiClient;
import se.nexus.support.test.NexusIntegrationTest;

/** Handovers: ownership moves only on acceptance, and one pending handover per referral at a time. */
@NexusIntegrationTest
class HandoverIntegrationTests {

    @LocalServerPort
    int port;
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
}
