package se.nexus.referral;

import static org.assertj.core.api.Assertions.assertThat;
import static se.nexus.referral.Cases.RECEIVER;
import static se.nexus.referral.Cases.SENDER;
import static se.nexus.referral.Cases.TARGET;
import static se.nexus.referral.Cases.UNINVOLVED;
import static se.nexus.referral.Cases.expect;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.StreamSupport;

import javax.sql.DataSource;

import com.fasterxml.jackson.databind.JsonNode;

import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import se.nexus.support.test.ApiClient;
import se.nexus.support.test.NexusIntegrationTest;

/**
 * A referral's history: every change to the case and its handovers, oldest first, with the acting agency and codes,
 * never free text, subjects or users; visible exactly to the agencies that may see the referral.
 */
@NexusIntegrationTest
class ReferralHistoryIntegrationTests {

    static final Set<String> FIELDS = Set.of("type", "occurredAt", "agency", "handoverId", "toAgency", "reason");

    @LocalServerPort
    int port;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    DataSource dataSource;
    final ApiClient api = new ApiClient();

    ApiClient.Response history(Cases cases, String referral, String agency) {
        return api.get(cases.url("/api/v1/referrals/" + referral + "/history"), Cases.caseworker(agency));
    }

    JsonNode items(Cases cases, String referral, String agency) {
        var response = history(cases, referral, agency);
        expect(response, 200);
        return response.body().get("items");
    }

    /** The field of every entry, null where the entry has none. */
    static List<String> column(JsonNode items, String field) {
        List<String> values = new ArrayList<>();
        items.forEach(item -> values.add(item.path(field).isNull() || item.path(field).isMissingNode()
            ? null : item.get(field).asText()));
        return values;
    }

    String post(Cases cases, String path, String agency, Object body, int status) {
        var response = cases.post(path, agency, body);
        expect(response, status);
        return response.body().path("id").asText();
    }

    @Test
    void aCaseWithADeclinedAndAnAcceptedHandoverListsEveryChangeOldestFirst() {
        Cases cases = new Cases(port);
        String referral = cases.accepted();
        String declined = post(cases, "/api/v1/referrals/" + referral + "/handovers", RECEIVER,
            Map.of("toAgency", TARGET, "reason", "CRIME_SUSPECTED"), 201);
        post(cases, "/api/v1/handovers/" + declined + "/decline", TARGET, Map.of("reason", "NO_CAPACITY"), 200);
        String accepted = post(cases, "/api/v1/referrals/" + referral + "/handovers", RECEIVER,
            Map.of("toAgency", TARGET, "reason", "CHILD_AT_RISK"), 201);
        post(cases, "/api/v1/handovers/" + accepted + "/accept", TARGET, Map.of(), 200);
        post(cases, "/api/v1/referrals/" + referral + "/close", TARGET, Map.of(), 200);

        var response = history(cases, referral, SENDER);
        expect(response, 200);
        JsonNode items = response.body().get("items");
        assertThat(column(items, "type")).containsExactly("REFERRAL_SUBMITTED", "REFERRAL_RECEIVED",
            "REFERRAL_ACCEPTED", "HANDOVER_REQUESTED", "HANDOVER_DECLINED", "HANDOVER_REQUESTED", "HANDOVER_ACCEPTED",
            "REFERRAL_CLOSED");
        assertThat(column(items, "agency")).containsExactly(SENDER, RECEIVER, RECEIVER, RECEIVER, TARGET, RECEIVER,
            TARGET, TARGET);
        assertThat(column(items, "handoverId")).containsExactly(null, null, null, declined, declined, accepted,
            accepted, null);
        assertThat(column(items, "toAgency")).containsExactly(null, null, null, TARGET, null, TARGET, null, null);
        assertThat(column(items, "reason")).containsExactly(null, null, null, "CRIME_SUSPECTED", "NO_CAPACITY",
            "CHILD_AT_RISK", null, null);
        assertThat(column(items, "occurredAt").stream().map(Instant::parse).toList()).isSorted();
        assertThat(response.body().get("total").asLong()).isEqualTo(8);
        assertThat(response.body().get("page").asInt()).isZero();
        items.forEach(item -> assertThat(iterable(item.fieldNames())).containsExactlyInAnyOrderElementsOf(FIELDS));
        assertThat(items(cases, referral, TARGET)).isEqualTo(items);
    }

    @Test
    void aDeclineShowsItsReasonCodeButNoFreeTextSubjectOrUser() {
        Cases cases = new Cases(port);
        String referral = cases.received();
        String subject = api.get(cases.url("/api/v1/referrals/" + referral), Cases.caseworker(SENDER)).body()
            .get("subject").get("ref").asText();
        post(cases, "/api/v1/referrals/" + referral + "/decline", RECEIVER,
            Map.of("reason", "ALREADY_KNOWN", "comment", "Confidential comment 4711"), 200);

        var response = history(cases, referral, RECEIVER);
        expect(response, 200);
        JsonNode items = response.body().get("items");
        assertThat(column(items, "type")).containsExactly("REFERRAL_SUBMITTED", "REFERRAL_RECEIVED",
            "REFERRAL_DECLINED");
        assertThat(column(items, "reason")).containsExactly(null, null, "ALREADY_KNOWN");
        assertThat(column(items, "agency")).containsExactly(SENDER, RECEIVER, RECEIVER);
        assertThat(response.body().toString()).doesNotContain("Confidential comment", "Summary text", subject,
            "u-" + Math.abs(SENDER.hashCode()), "u-" + Math.abs(RECEIVER.hashCode()));
    }

    @Test
    void closingACaseRecordsTheCloseBeforeTheHandoverItCancels() {
        Cases cases = new Cases(port);
        String handover = cases.pendingHandover();
        String referral = api.get(cases.url("/api/v1/handovers/" + handover), Cases.caseworker(RECEIVER)).body()
            .get("referralId").asText();
        post(cases, "/api/v1/referrals/" + referral + "/close", RECEIVER, Map.of(), 200);

        JsonNode items = items(cases, referral, RECEIVER);
        assertThat(column(items, "type")).endsWith("HANDOVER_REQUESTED", "REFERRAL_CLOSED", "HANDOVER_CANCELLED");
        assertThat(column(items, "handoverId")).endsWith(handover, null, handover);
        assertThat(column(items, "agency")).endsWith(RECEIVER, RECEIVER, RECEIVER);
    }

    @Test
    void aWithdrawnReferralAndARevokedConsentAreRecordedWithTheActingAgency() {
        Cases cases = new Cases(port);
        String withdrawn = cases.received();
        post(cases, "/api/v1/referrals/" + withdrawn + "/withdraw", SENDER, Map.of(), 200);
        assertThat(column(items(cases, withdrawn, SENDER), "type")).containsExactly("REFERRAL_SUBMITTED",
            "REFERRAL_RECEIVED", "REFERRAL_WITHDRAWN");

        String subject = "p-" + UUID.randomUUID().toString().substring(0, 8);
        String consent = post(cases, "/api/v1/consents", SENDER, Map.of("subjectRef", subject,
            "grantedTo", List.of(RECEIVER), "purpose", "PROTECTION_AND_SUPPORT", "dataCategories",
            List.of("CASE_SUMMARY"), "validUntil", LocalDate.now().plusDays(30).toString(), "obtained", "WRITTEN"), 201);
        Map<String, Object> onConsent = new HashMap<>(Cases.newReferral());
        onConsent.put("subject", Map.of("ref", subject, "protectedIdentity", false));
        onConsent.put("legalBasis", Map.of("type", "CONSENT", "consentId", consent));
        String referral = post(cases, "/api/v1/referrals", SENDER, onConsent, 201);
        post(cases, "/api/v1/consents/" + consent + "/withdraw", SENDER, Map.of(), 200);

        JsonNode items = items(cases, referral, RECEIVER);
        assertThat(column(items, "type")).containsExactly("REFERRAL_SUBMITTED", "REFERRAL_CONSENT_REVOKED");
        assertThat(column(items, "agency")).containsExactly(SENDER, SENDER);
        assertThat(items.toString()).doesNotContain(consent, subject);
    }

    @Test
    void onlyAnAgencyThatMaySeeTheReferralMaySeeItsHistory() {
        Cases cases = new Cases(port);
        String handover = cases.pendingHandover();
        String referral = api.get(cases.url("/api/v1/handovers/" + handover), Cases.caseworker(TARGET)).body()
            .get("referralId").asText();
        var unknown = history(cases, UUID.randomUUID().toString(), SENDER);
        expect(unknown, 404);
        for (String stranger : List.of(TARGET, UNINVOLVED)) {
            var refused = history(cases, referral, stranger);
            expect(refused, 404);
            assertThat(refused.contentType()).startsWith("application/problem+json");
            assertThat(refused.body().get("type")).isEqualTo(unknown.body().get("type"));
            assertThat(refused.body().toString()).doesNotContain("REFERRAL_", "HANDOVER_");
        }

        post(cases, "/api/v1/handovers/" + handover + "/accept", TARGET, Map.of(), 200);
        assertThat(column(items(cases, referral, TARGET), "type")).containsExactly("REFERRAL_SUBMITTED",
            "REFERRAL_RECEIVED", "REFERRAL_ACCEPTED", "HANDOVER_REQUESTED", "HANDOVER_ACCEPTED");
        expect(history(cases, referral, UNINVOLVED), 404);
    }

    @Test
    void everyReferralHasItsSubmissionInItsHistory() {
        new Cases(port).submitted();
        assertThat(jdbc.sql("""
                SELECT count(*) FROM referrals r WHERE (SELECT count(*) FROM referral_history h
                    WHERE h.referral_id = r.id AND h.type = 'REFERRAL_SUBMITTED') <> 1""")
            .query(Long.class).single()).isZero();
    }

    /** The migration gives each referral made before the history existed its submission, and nothing else. */
    @Test
    void theMigrationBackfillsTheSubmissionOfEarlierReferrals() {
        String schema = "history_backfill_" + UUID.randomUUID().toString().substring(0, 8);
        try {
            migrate(schema, "5");
            UUID id = UUID.randomUUID();
            Instant created = Instant.parse("2025-03-01T09:30:00Z");
            jdbc.sql("INSERT INTO " + schema + ".referrals (id, from_agency, to_agency, owner_agency, subject_ref,"
                    + " protected_identity, urgency, concerns, legal_basis_type, provision_code, status, created_at,"
                    + " updated_at, version) VALUES (:id, :from, :to, :to, 'p-old', false, 'URGENT', '{THREATS}',"
                    + " 'STATUTORY', 'OSL_10_2', 'ACCEPTED', :created, :created, 2)")
                .param("id", id).param("from", SENDER).param("to", RECEIVER)
                .param("created", java.sql.Timestamp.from(created)).update();
            migrate(schema, "6");

            var entries = jdbc.sql("SELECT type, occurred_at, agency, handover_id, to_agency, reason FROM " + schema
                    + ".referral_history WHERE referral_id = ?").param(id)
                .query((row, n) -> Arrays.asList(row.getString(1), row.getTimestamp(2).toInstant().toString(),
                    row.getString(3), row.getString(4), row.getString(5), row.getString(6)))
                .list();
            assertThat(entries).containsExactly(Arrays.asList("REFERRAL_SUBMITTED", created.toString(), SENDER,
                null, null, null));
        } finally {
            jdbc.sql("DROP SCHEMA IF EXISTS " + schema + " CASCADE").update();
        }
    }

    private void migrate(String schema, String version) {
        Flyway.configure().dataSource(dataSource).schemas(schema).locations("classpath:db/migration")
            .target(version).load().migrate();
    }

    private static <T> List<T> iterable(java.util.Iterator<T> iterator) {
        return StreamSupport.stream(((Iterable<T>) () -> iterator).spliterator(), false).toList();
    }
}
