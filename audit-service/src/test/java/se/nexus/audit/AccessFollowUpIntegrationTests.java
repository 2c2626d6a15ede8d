package se.nexus.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;
import java.util.stream.IntStream;
import java.util.stream.StreamSupport;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

import se.nexus.events.EventMetadata;
import se.nexus.events.access.AccessRefused;
import se.nexus.events.access.CaseAccessed;
import se.nexus.events.referral.ReferralClosed;
import se.nexus.events.referral.ReferralSubmitted;
import se.nexus.events.Subject;
import se.nexus.schemas.Topics;
import se.nexus.support.test.NexusIntegrationTest;

/** The follow-up of access flags reads that look wrong, and only those; the auditor reviews each, logged. */
@NexusIntegrationTest
class AccessFollowUpIntegrationTests {

    static final String HEALTH_CARE = "se.region-uppsala.vard";
    private static final TestEvents events = TestEvents.shared();

    @LocalServerPort
    int port;

    @Test
    void aProtectedPersonsCaseReadByAnAgencyWithNoOpenPartInItIsFlaggedAndAPartysReadIsNot() {
        String referral = UUID.randomUUID().toString();
        ReferralSubmitted submitted = TestEvents.referralSubmitted(referral, "p-" + referral.substring(0, 6));
        submitted.setSubject(Subject.newBuilder().setRef(submitted.getSubject().getRef()).setProtectedIdentity(true).build());
        events.publish(referral, submitted);
        // Reads travel on another topic than the case's events: publish them once the case is known.
        awaitEntries(referral, 1);
        CaseAccessed byReceiver = read(TestEvents.TO, "person-1", referral, "SYSTEM");
        CaseAccessed byStranger = read(HEALTH_CARE, "person-2", referral, "SYSTEM");
        byReceiver.setSubjectRef(submitted.getSubject().getRef());
        byStranger.setSubjectRef(submitted.getSubject().getRef());
        events.publish(Topics.ACCESS, TestEvents.TO, byReceiver);
        events.publish(Topics.ACCESS, HEALTH_CARE, byStranger);

        JsonNode stranger = awaitFlag("PROTECTED_IDENTITY_READ", HEALTH_CARE, referral);
        assertThat(stranger.get("userRef").asString()).isEqualTo("person-2");
        assertThat(stranger.get("subjectRef").asString()).isEqualTo(submitted.getSubject().getRef());

        // Once the case is closed, even the receiver has no open part in it.
        events.publish(referral, ReferralClosed.newBuilder().setMetadata(TestEvents.metadata(UUID.randomUUID().toString()))
            .setReferralId(referral).setFromAgency(TestEvents.FROM).setToAgency(TestEvents.TO)
            .setSubject(submitted.getSubject()).setUrgency(submitted.getUrgency()).setOwnerAgency(TestEvents.TO).build());
        awaitEntries(referral, 2);
        events.publish(Topics.ACCESS, TestEvents.TO, read(TestEvents.TO, "person-3", referral, "SYSTEM"));
        JsonNode afterClose = awaitFlag("PROTECTED_IDENTITY_READ", TestEvents.TO, referral);
        assertThat(afterClose.get("userRef").asString()).isEqualTo("person-3");
        assertThat(flags(false)).noneMatch(flag -> "person-1".equals(flag.path("userRef").asString("")));
    }

    @Test
    void aRefusedAttemptIsFlaggedAndTheAuditorReviewsItWithACodeBothLogged() {
        String referral = UUID.randomUUID().toString();
        events.publish(Topics.ACCESS, HEALTH_CARE, AccessRefused.newBuilder()
            .setMetadata(metadata(HEALTH_CARE, "person-9", Instant.now())).setOutcome("NOT_FOUND")
            .setRequest("GET /api/v1/referrals/{id}").setRecordType("REFERRAL").setRecordId(referral)
            .setReferralId(referral).setSubjectRef("p-refused").setRole("CASEWORKER").setChannel("CONSOLE").build());
        JsonNode flag = awaitFlag("REFUSED_ATTEMPT", HEALTH_CARE, referral);
        long id = flag.get("id").asLong();

        AuditApi api = new AuditApi(port);
        assertThat(api.post("/api/v1/audit/flags/" + id + "/review", AuditApi.auditorToken(), "{\"code\":\"NOT_A_CODE\"}")
            .statusCode()).isEqualTo(400);
        var reviewed = api.post("/api/v1/audit/flags/" + id + "/review", AuditApi.auditorToken(),
            "{\"code\":\"FOLLOWED_UP_WITH_AGENCY\"}");
        assertThat(reviewed.statusCode()).isEqualTo(200);
        JsonNode closed = AuditApi.parse(reviewed.body());
        assertThat(closed.get("reviewCode").asString()).isEqualTo("FOLLOWED_UP_WITH_AGENCY");
        assertThat(closed.get("reviewedBy").asString()).isEqualTo(AuditApi.AUDITOR);
        assertThat(flags(true)).anyMatch(each -> each.get("id").asLong() == id);
        assertThat(flags(false)).noneMatch(each -> each.get("id").asLong() == id);
        assertThat(api.post("/api/v1/audit/flags/999999999/review", AuditApi.auditorToken(), "{\"code\":\"LEGITIMATE\"}")
            .statusCode()).isEqualTo(404);

        JsonNode logged = api.getJson("/api/v1/audit/entries?eventType=AuditQueryPerformed&size=500&agency="
            + AuditApi.AUDITOR_AGENCY);
        assertThat(StreamSupport.stream(logged.get("items").spliterator(), false).map(item -> item.get("details").asString()))
            .anySatisfy(details -> assertThat(details).contains("\"query\":\"flag-reviewed\"")
                .contains("\"code\":\"FOLLOWED_UP_WITH_AGENCY\"").contains("\"flag\":" + id))
            .anySatisfy(details -> assertThat(details).contains("\"query\":\"flags\""));
    }

    @Test
    void aPersonReadingMoreDistinctCasesInAnHourThanTheLimitIsFlaggedOnceASystemIsNot() {
        String person = "reader-" + UUID.randomUUID().toString().substring(0, 8);
        List<Object> reads = IntStream.range(0, 31).<Object>mapToObj(i -> read(HEALTH_CARE, person,
            UUID.randomUUID().toString(), "PERSON")).toList();
        events.publishAll(Topics.ACCESS, reads, event -> HEALTH_CARE);
        List<Object> systemReads = IntStream.range(0, 31).<Object>mapToObj(i -> read(HEALTH_CARE, "system-" + person,
            UUID.randomUUID().toString(), "SYSTEM")).toList();
        events.publishAll(Topics.ACCESS, systemReads, event -> HEALTH_CARE);

        await().atMost(Duration.ofSeconds(60)).until(() -> flags(false).stream()
            .anyMatch(flag -> "MANY_CASES_READ".equals(flag.get("kind").asString()) && person.equals(flag.get("userRef").asString())));
        events.publish(Topics.ACCESS, HEALTH_CARE, read(HEALTH_CARE, person, UUID.randomUUID().toString(), "PERSON"));
        // A refusal after it, on the same partition: once its flag is there, the read before it has been judged too.
        String marker = UUID.randomUUID().toString();
        events.publish(Topics.ACCESS, HEALTH_CARE, AccessRefused.newBuilder()
            .setMetadata(metadata(HEALTH_CARE, "marker", Instant.now())).setOutcome("FORBIDDEN")
            .setRequest("GET /api/v1/referrals/{id}").setReferralId(marker).setChannel("API").build());
        awaitFlag("REFUSED_ATTEMPT", HEALTH_CARE, marker);
        assertThat(flags(false)).filteredOn(flag -> "MANY_CASES_READ".equals(flag.get("kind").asString()))
            .extracting(flag -> flag.get("userRef").asString()).containsOnlyOnce(person).doesNotContain("system-" + person);
    }

    private static CaseAccessed read(String agency, String userRef, String referral, String holder) {
        return CaseAccessed.newBuilder().setMetadata(metadata(agency, userRef, Instant.now())).setRecordType("REFERRAL")
            .setRecordId(referral).setReferralId(referral).setSubjectRef("p-read").setFreeTextRevealed(true)
            .setRole("CASEWORKER").setHolder(holder).setChannel("PERSON".equals(holder) ? "CONSOLE" : "API").build();
    }

    private static EventMetadata metadata(String agency, String userRef, Instant at) {
        return EventMetadata.newBuilder(TestEvents.metadata(UUID.randomUUID().toString())).setProducer("referral-service")
            .setActingAgency(agency).setActingUserRef(userRef).setOccurredAt(at.truncatedTo(ChronoUnit.MILLIS)).build();
    }

    /** Waits until the chain holds this many of the case's own events (reads and flags aside). */
    private void awaitEntries(String referral, int count) {
        await().atMost(Duration.ofSeconds(60)).until(() -> StreamSupport.stream(new AuditApi(port)
            .getJson("/api/v1/audit/entries?size=500&referralId=" + referral).get("items").spliterator(), false)
            .filter(item -> item.get("eventType").asString().startsWith("se.nexus.events.referral.")).count() >= count);
    }

    private JsonNode awaitFlag(String kind, String agency, String referral) {
        await().atMost(Duration.ofSeconds(60)).until(() -> flags(false).stream().anyMatch(flag -> matches(flag, kind, agency, referral)));
        return flags(false).stream().filter(flag -> matches(flag, kind, agency, referral)).findFirst().orElseThrow();
    }

    private static boolean matches(JsonNode flag, String kind, String agency, String referral) {
        return kind.equals(flag.get("kind").asString()) && agency.equals(flag.get("agency").asString())
            && referral.equals(flag.path("referralId").asString(""));
    }

    private List<JsonNode> flags(boolean reviewed) {
        return StreamSupport.stream(new AuditApi(port).getJson("/api/v1/audit/flags?size=500&reviewed=" + reviewed)
            .get("items").spliterator(), false).toList();
    }
}
