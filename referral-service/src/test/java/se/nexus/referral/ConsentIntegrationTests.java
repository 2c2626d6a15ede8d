package se.nexus.referral;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static se.nexus.referral.Cases.RECEIVER;
import static se.nexus.referral.Cases.SENDER;
import static se.nexus.referral.Cases.UNINVOLVED;
import static se.nexus.referral.Cases.expect;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.apache.avro.specific.SpecificRecord;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;

import se.nexus.events.consent.ConsentExpired;
import se.nexus.events.consent.ConsentWithdrawn;
import se.nexus.events.referral.ReferralConsentRevoked;
import se.nexus.referral.consent.ConsentRegistry;
import se.nexus.schemas.Topics;
import se.nexus.support.test.MutableClock;
import se.nexus.support.test.NexusIntegrationTest;

/** The consent registry and consent-based disclosure, on the real infrastructure with a clock the test moves. */
@NexusIntegrationTest
class ConsentIntegrationTests {

    @TestConfiguration
    static class Clocks {
        @Bean
        @Primary
        MutableClock testClock() {
            return MutableClock.startingNow();
        }
    }

    @LocalServerPort
    int port;
    @Autowired
    MutableClock clock;
    @Autowired
    ConsentRegistry registry;

    Map<String, Object> consent(String subjectRef, LocalDate validUntil) {
        return Map.of("subjectRef", subjectRef, "grantedTo", List.of(RECEIVER), "purpose", "PROTECTION_AND_SUPPORT",
            "dataCategories", List.of("CASE_SUMMARY"), "validUntil", validUntil.toString(), "obtained", "WRITTEN");
    }

    Map<String, Object> referralOnConsent(String subjectRef, String consentId) {
        var referral = new HashMap<>(Cases.newReferral());
        referral.put("subject", Map.of("ref", subjectRef, "protectedIdentity", false));
        referral.put("legalBasis", Map.of("type", "CONSENT", "consentId", consentId));
        return referral;
    }

    LocalDate today() {
        return LocalDate.now(clock.withZone(ZoneId.of("Europe/Stockholm")));
    }

    @Test
    void aConsentCoversReferralsToTheNamedAgencyForThatSubjectOnly() {
        Cases cases = new Cases(port);
        String subject = "p-" + UUID.randomUUID().toString().substring(0, 8);
        var granted = cases.post("/api/v1/consents", SENDER, consent(subject, today().plusDays(30)));
        expect(granted, 201);
        String consentId = granted.body().get("id").asText();

        expect(cases.post("/api/v1/referrals", SENDER, referralOnConsent(subject, consentId)), 201);
        expect(cases.post("/api/v1/referrals", SENDER, referralOnConsent("p-someone-else", consentId)), 422);
        var toOther = new HashMap<>(referralOnConsent(subject, consentId));
        toOther.put("toAgency", UNINVOLVED);
        expect(cases.post("/api/v1/referrals", SENDER, toOther), 422);
        var forAnotherPurpose = new HashMap<>(referralOnConsent(subject, consentId));
        forAnotherPurpose.put("purpose", "CRIME_INVESTIGATION");
        expect(cases.post("/api/v1/referrals", SENDER, forAnotherPurpose), 422);
    }

    @Test
    void withdrawalRevokesOpenReferralsAndRefusesNewOnes() {
        Cases cases = new Cases(port);
        String subject = "p-" + UUID.randomUUID().toString().substring(0, 8);
        String consentId = cases.post("/api/v1/consents", SENDER, consent(subject, today().plusDays(30))).body().get("id").asText();
        String referralId = cases.post("/api/v1/referrals", SENDER, referralOnConsent(subject, consentId)).body().get("id").asText();

        expect(cases.post("/api/v1/consents/" + consentId + "/withdraw", UNINVOLVED, Map.of()), 404);
        var withdrawn = cases.post("/api/v1/consents/" + consentId + "/withdraw", SENDER, Map.of());
        expect(withdrawn, 200);
        assertThat(withdrawn.body().get("status").asText()).isEqualTo("WITHDRAWN");
        expect(cases.post("/api/v1/consents/" + consentId + "/withdraw", SENDER, Map.of()), 200);

        expect(cases.post("/api/v1/referrals", SENDER, referralOnConsent(subject, consentId)), 422);
        List<SpecificRecord> revoked = await().atMost(Duration.ofSeconds(30))
            .until(() -> KafkaEvents.forKey(Topics.REFERRALS, referralId), events -> events.size() >= 2);
        assertThat(revoked).filteredOn(ReferralConsentRevoked.class::isInstance).hasSize(1);
        assertThat(KafkaEvents.forKey(Topics.CONSENTS, subject)).filteredOn(ConsentWithdrawn.class::isInstance).hasSize(1);
    }

    @Test
    void aConsentExpiresByItselfAfterItsLastValidDay() {
        Cases cases = new Cases(port);
        String subject = "p-" + UUID.randomUUID().toString().substring(0, 8);
        String consentId = cases.post("/api/v1/consents", SENDER, consent(subject, today().plusDays(1))).body().get("id").asText();
        String referralId = cases.post("/api/v1/referrals", SENDER, referralOnConsent(subject, consentId)).body().get("id").asText();

        clock.advance(Duration.ofDays(3));
        registry.expireDue();
        registry.expireDue();

        var found = cases.post("/api/v1/referrals", SENDER, referralOnConsent(subject, consentId));
        expect(found, 422);
        List<SpecificRecord> consentEvents = await().atMost(Duration.ofSeconds(30))
            .until(() -> KafkaEvents.forKey(Topics.CONSENTS, subject), events -> events.size() >= 2);
        assertThat(consentEvents).filteredOn(ConsentExpired.class::isInstance).hasSize(1);
        assertThat(KafkaEvents.forKey(Topics.REFERRALS, referralId)).filteredOn(ReferralConsentRevoked.class::isInstance).hasSize(1);
    }

    @Test
    void consentsAreListedBySubjectForTheAgenciesPartyToThem() {
        Cases cases = new Cases(port);
        String subject = "p-" + UUID.randomUUID().toString().substring(0, 8);
        expect(cases.post("/api/v1/consents", SENDER, consent(subject, today().plusDays(10))), 201);
        var api = new se.nexus.support.test.ApiClient();
        assertThat(api.get(cases.url("/api/v1/consents?subjectRef=" + subject), Cases.caseworker(RECEIVER)).body().get("total").asInt()).isEqualTo(1);
        assertThat(api.get(cases.url("/api/v1/consents?subjectRef=" + subject), Cases.caseworker(UNINVOLVED)).body().get("total").asInt()).isZero();
        assertThat(api.get(cases.url("/api/v1/consents?subjectRef=" + subject), Cases.token(RECEIVER, "COORDINATOR")).status()).isEqualTo(403);
        var invalid = new HashMap<>(consent(subject, today().minusDays(1)));
        expect(cases.post("/api/v1/consents", SENDER, invalid), 400);
        invalid.put("grantedTo", List.of("se.unknown"));
        invalid.put("validUntil", today().plusDays(1).toString());
        expect(cases.post("/api/v1/consents", SENDER, invalid), 400);
    }
}
