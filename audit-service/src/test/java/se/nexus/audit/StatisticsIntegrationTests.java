package se.nexus.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

import org.apache.avro.generic.GenericRecord;
import org.apache.avro.specific.SpecificRecord;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

import se.nexus.events.Urgency;
import se.nexus.schemas.Topics;
import se.nexus.support.test.NexusIntegrationTest;

/**
 * The statistics as the county board reads them, from events published through Kafka into the chain: each event
 * counted once however often it was delivered, people counted once however often referred, waits and answers to
 * notifications measured, nothing in the statistics tables that points to a person, and small numbers withheld.
 *
 * <p>The events happen in February and March 2020, months no other test writes to, so the counts are exactly these.
 */
@NexusIntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class StatisticsIntegrationTests {

    private static final Duration PATIENCE = Duration.ofSeconds(90);
    private static final Instant FEBRUARY = Instant.parse("2020-02-10T08:00:00Z");
    private static final Instant MARCH = Instant.parse("2020-03-10T08:00:00Z");
    private static final String PERIOD = "from=2020-01&to=2020-03";
    private static final String COUNTY_BOARD = "se.lansstyrelsen.uppsala";

    private final TestEvents events = TestEvents.shared();
    private final String userRef = "user-" + UUID.randomUUID();
    private final List<String> refs = new ArrayList<>();
    private final List<String> eventIds = new ArrayList<>();

    @LocalServerPort
    int port;

    /** Six urgent referrals of five people, one routine one withdrawn, a handover, revoked consent, notifications. */
    @BeforeAll
    void publishAMonthOfCasesSomeTwice() throws SQLException {
        List<String> people = List.of(ref("p"), ref("p"), ref("p"), ref("p"), ref("p"));
        List<StatisticsTestData> urgent = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            // The sixth is the first person's second referral.
            urgent.add(referral(people.get(i % 5), Urgency.URGENT));
            decideAfterWaits(urgent.get(i), i);
        }
        StatisticsTestData first = urgent.get(0);
        StatisticsTestData routine = referral(ref("p"), Urgency.ROUTINE);
        publish(Topics.REFERRALS, routine.referralId(), routine.submitted(FEBRUARY.plusSeconds(86_400), "THREATS"));
        publish(Topics.REFERRALS, routine.referralId(), routine.withdrawn(FEBRUARY.plusSeconds(90_000)));
        String handover = ref("h");
        publish(Topics.HANDOVERS, first.referralId(), first.handoverRequested(FEBRUARY.plusSeconds(100_000), handover));
        publish(Topics.HANDOVERS, first.referralId(), first.handoverAccepted(FEBRUARY.plusSeconds(100_100), handover));
        String consent = ref("c");
        publish(Topics.REFERRALS, first.referralId(), first.consentRevoked(MARCH, consent));
        publish(Topics.CONSENTS, first.subjectRef(), first.consentWithdrawn(MARCH, consent));
        notifyCoordinators(first);
        GenericRecord unknown = TestEvents.unknownEvent(first.referralId());
        events.publish(Topics.HANDOVERS, first.referralId(), unknown);
        eventIds.add(((GenericRecord) unknown.get("metadata")).get("eventId").toString());
        awaitProjected();
    }

    @Test
    void eachEventIsCountedOnceUnderItsMonthAndCodes() throws SQLException {
        assertThat(stored("SELECT month || ' ' || measure || ' ' || category, count FROM statistics_counts "
            + "WHERE month BETWEEN '2020-01' AND '2020-03'")).isEqualTo(new TreeMap<>(Map.ofEntries(
                Map.entry("2020-02 referrals.urgency URGENT", 6L), Map.entry("2020-02 referrals.urgency ROUTINE", 1L),
                Map.entry("2020-02 referrals.fromAgency " + TestEvents.FROM, 7L),
                Map.entry("2020-02 referrals.toAgency " + TestEvents.TO, 7L),
                Map.entry("2020-02 referrals.legalBasis OSL_10_18C", 7L),
                Map.entry("2020-02 referrals.concern THREATS", 7L), Map.entry("2020-02 referrals.concern FORCED_MARRIAGE", 1L),
                Map.entry("2020-02 declines.reason NOT_IN_REMIT", 1L), Map.entry("2020-02 declines.reason ALREADY_KNOWN", 1L),
                Map.entry("2020-02 caseEvents WITHDRAWN", 1L), Map.entry("2020-02 caseEvents HANDOVER_REQUESTED", 1L),
                Map.entry("2020-02 caseEvents HANDOVER_ACCEPTED", 1L), Map.entry("2020-03 caseEvents CONSENT_REVOKED", 2L),
                Map.entry("2020-02 notifications.notified URGENT", 10L),
                Map.entry("2020-02 notifications.notified IMMEDIATE", 1L),
                Map.entry("2020-02 notifications.inTime URGENT", 5L), Map.entry("2020-02 notifications.late URGENT", 5L),
                Map.entry("2020-02 escalations URGENT", 5L))));
    }

    @Test
    void twoReferralsOfOnePersonCountOnePerson() throws SQLException {
        assertThat(stored("SELECT month, count(*) FROM statistics_persons WHERE month BETWEEN '2020-01' AND '2020-03' "
            + "GROUP BY month")).containsExactly(Map.entry("2020-02", 6L));
    }

    @Test
    void waitsAreKeptAsAnonymousSamplesAndOpenCasesGoOnceDecided() throws SQLException {
        assertThat(stored("SELECT urgency || ' ' || kind || ' ' || (millis / 3600000), count(*) FROM statistics_durations "
            + "WHERE month = '2020-02' GROUP BY 1")).containsOnlyKeys("URGENT RECEIPT 1", "URGENT RECEIPT 2",
                "URGENT RECEIPT 3", "URGENT RECEIPT 4", "URGENT RECEIPT 5", "URGENT RECEIPT 6", "URGENT DECISION 10",
                "URGENT DECISION 11", "URGENT DECISION 12", "URGENT DECISION 13", "URGENT DECISION 14", "URGENT DECISION 15")
            .allSatisfy((sample, count) -> assertThat(count).isEqualTo(1L));
        assertThat(stored("SELECT 'open', count(*) FROM statistics_open_cases WHERE month = '2020-02'"))
            .containsEntry("open", 0L);
        assertThat(stored("SELECT urgency, count(*) FROM statistics_open_notifications WHERE month = '2020-02' GROUP BY 1"))
            .containsExactly(Map.entry("IMMEDIATE", 1L));
    }

    /** Every text and bytea column of every statistics table, against every ref and id the events carried. */
    @Test
    void theStatisticsTablesHoldNoRefIdOrUserRef() throws SQLException {
        List<String> values = new ArrayList<>();
        try (Connection connection = OwnerDatabase.connect();
                PreparedStatement columns = connection.prepareStatement("SELECT table_name, column_name, data_type FROM "
                    + "information_schema.columns WHERE table_name LIKE 'statistics%' AND data_type IN ('text', 'bytea')");
                ResultSet column = columns.executeQuery()) {
            while (column.next()) {
                values.addAll(columnValues(connection, column.getString(1), column.getString(2), column.getString(3)));
            }
        }
        assertThat(values).isNotEmpty();
        for (String ref : refs) {
            String hex = HexFormat.of().formatHex(ref.getBytes(StandardCharsets.UTF_8));
            assertThat(values).as(ref).noneMatch(value -> value.contains(ref) || value.contains(hex));
        }
    }

    @Test
    void theCountyBoardReadsTheTablesWithSmallNumbersWithheld() {
        JsonNode statistics = api().getJson("/api/v1/statistics?" + PERIOD, followUp());

        assertThat(statistics.get("from").asString()).isEqualTo("2020-01");
        assertThat(statistics.get("threshold").asInt()).isEqualTo(5);
        assertThat(statistics.get("projectedThrough").asLong()).isGreaterThanOrEqualTo(lastPosition());
        assertThat(ids(statistics)).containsExactly("referrals", "persons", "declines", "caseEvents", "notifications",
            "acknowledgedInTime", "escalations", "durations");
        JsonNode referrals = table(statistics, "referrals");
        assertThat(texts(referrals.get("rows"))).containsExactly("2020-01", "2020-02", "2020-03");
        assertThat(texts(referrals.get("columns"))).containsExactly("IMMEDIATE", "URGENT", "ROUTINE");
        // Routine 1 is small; urgent 6 goes with it, or the month's total 7 would give the 1 away.
        assertThat(cells(referrals, 1)).containsExactly("0", "..", "..");
        assertThat(referrals.get("rowTotals").get(1).get("value").asLong()).isEqualTo(7);
        assertThat(referrals.get("total").get("value").asLong()).isEqualTo(7);
        JsonNode persons = table(statistics, "persons");
        assertThat(cells(persons, 1)).containsExactly("6");
        assertThat(persons.get("total").get("value").asLong()).isEqualTo(6);
        assertThat(persons.get("rowTotals").isNull()).isTrue();
        assertThat(cells(table(statistics, "declines"), 1)).contains("..");
    }

    @Test
    void notificationsAnsweredInTimeLateEscalationsAndWaitsArePublishedWhereNothingSmallIsInThem() {
        JsonNode statistics = api().getJson("/api/v1/statistics?" + PERIOD, followUp());

        JsonNode notifications = table(statistics, "notifications");
        assertThat(texts(notifications.get("rows"))).containsExactly("IMMEDIATE", "URGENT", "ROUTINE");
        assertThat(cells(notifications, 1)).containsExactly("5", "5", "0");
        assertThat(notifications.get("rowTotals").get(1).get("value").asLong()).isEqualTo(10);
        assertThat(cells(notifications, 0)).containsExactly("0", "0", "..");
        assertThat(cells(table(statistics, "acknowledgedInTime"), 1)).containsExactly("50.0");
        assertThat(cells(table(statistics, "acknowledgedInTime"), 0)).containsExactly("..");
        assertThat(cells(table(statistics, "escalations"), 1)).containsExactly("0", "5", "0");
        // Waits of 1..6 hours for receipt and 10..15 hours for a decision, in seconds.
        assertThat(cells(table(statistics, "durations"), 1)).containsExactly("12600", "19800", "45000", "52200");
        assertThat(cells(table(statistics, "durations"), 0)).containsExactly("", "", "", "");
    }

    @Test
    void referralsGroupedByLegalBasisAndByConcern() {
        JsonNode byBasis = table(api().getJson("/api/v1/statistics?" + PERIOD + "&groupBy=legalBasis", followUp()),
            "referrals");
        assertThat(texts(byBasis.get("columns"))).startsWith("CONSENT", "OSL_10_18C");
        assertThat(cells(byBasis, 1).subList(0, 2)).containsExactly("0", "7");

        JsonNode byConcern = table(api().getJson("/api/v1/statistics?" + PERIOD + "&groupBy=concern", followUp()),
            "referrals");
        assertThat(byConcern.get("additive").asBoolean()).isFalse();
        assertThat(byConcern.get("rowTotals").isNull()).isTrue();
        assertThat(cells(byConcern, 1).subList(0, 4)).containsExactly("7", "0", "0", "..");

        JsonNode bySender = table(api().getJson("/api/v1/statistics?" + PERIOD + "&groupBy=sendingAgencyKind",
            followUp()), "referrals");
        assertThat(texts(bySender.get("columns"))).containsExactly("SOCIAL_SERVICES", "HEALTH_CARE", "POLICE",
            "PROSECUTION", "RESOURCE_CENTRE");
        assertThat(cells(bySender, 1)).containsExactly("0", "0", "0", "0", "7");
    }

    @Test
    void theCountyBoardsFollowUpAndAuditorsMayReadCaseworkersMayNot() {
        assertThat(api().get("/api/v1/statistics", followUp()).statusCode()).isEqualTo(200);
        assertThat(api().get("/api/v1/statistics", AuditApi.auditorToken()).statusCode()).isEqualTo(200);
        assertThat(api().get("/api/v1/statistics", AuditApi.token("se.uppsala.nexus", "CASEWORKER")).statusCode())
            .isEqualTo(403);
        assertThat(api().get("/api/v1/statistics", null).statusCode()).isEqualTo(401);
    }

    @Test
    void eachReadIsLoggedInTheChainWithWhoAskedAndForWhat() throws SQLException {
        api().getJson("/api/v1/statistics?from=2019-07&to=2020-06&groupBy=concern", followUp());

        assertThat(stored("SELECT acting_agency || ' ' || details, count(*) FROM audit_entries "
            + "WHERE event_type = 'AuditQueryPerformed' AND details LIKE '%2019-07%' GROUP BY 1"))
            .containsOnlyKeys(COUNTY_BOARD + " {\"filters\":{\"format\":\"json\",\"from\":\"2019-07\","
                + "\"groupBy\":\"concern\",\"to\":\"2020-06\"},\"query\":\"statistics\"}");
    }

    @Test
    void csvIsOneLinePerFigureWithWithheldValuesAsTwoDots() {
        HttpResponse<String> byAccept = api().get("/api/v1/statistics?" + PERIOD, followUp(), "text/csv");
        HttpResponse<String> byFormat = api().get("/api/v1/statistics?" + PERIOD + "&format=csv", followUp());

        for (HttpResponse<String> csv : List.of(byAccept, byFormat)) {
            assertThat(csv.statusCode()).isEqualTo(200);
            assertThat(csv.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/csv");
            assertThat(csv.headers().firstValue("Content-Disposition").orElseThrow())
                .isEqualTo("attachment; filename=\"nexus-statistics-2020-01-2020-03.csv\"");
            List<String> lines = csv.body().lines().toList();
            assertThat(lines.get(0)).isEqualTo("table,row,column,value");
            assertThat(lines).contains("referrals,2020-02,URGENT,..", "referrals,2020-02,TOTAL,7",
                "referrals,TOTAL,URGENT,..", "referrals,TOTAL,TOTAL,7", "persons,TOTAL,TOTAL,6",
                "acknowledgedInTime,URGENT,PERCENT,50.0", "durations,IMMEDIATE,RECEIPT_MEDIAN,");
            assertThat(lines).allMatch(line -> line.split(",", -1).length == 4);
        }
    }

    @Test
    void badParametersAre400sThatNameTheField() {
        Map<String, String> cases = Map.of("from=2020-13", "from", "to=20-01", "to", "from=2020-03&to=2020-01", "to",
            "from=2020-01&to=2023-01", "to", "groupBy=agency", "groupBy", "format=xml", "format");
        cases.forEach((parameters, field) -> {
            HttpResponse<String> answer = api().get("/api/v1/statistics?" + parameters, followUp());
            assertThat(answer.statusCode()).as(parameters).isEqualTo(400);
            assertThat(answer.body()).as(parameters).contains("\"field\":\"" + field + "\"");
        });
        assertThat(api().get("/api/v1/statistics?from=2020-01&to=2022-12", followUp()).statusCode()).isEqualTo(200);
    }

    /** The i-th urgent case: received after i+1 hours, decided after 10+i; the last two declined. */
    private void decideAfterWaits(StatisticsTestData referral, int i) {
        Instant submitted = FEBRUARY.plusSeconds(i * 60L);
        String[] concerns = i == 0 ? new String[] { "THREATS", "FORCED_MARRIAGE" } : new String[] { "THREATS" };
        var submission = referral.submitted(submitted, concerns);
        publish(Topics.REFERRALS, referral.referralId(), submission);
        if (i == 1) {
            // Redelivered: the same record again, same event id.
            events.publish(Topics.REFERRALS, referral.referralId(), submission);
        }
        publish(Topics.REFERRALS, referral.referralId(), referral.received(submitted.plusSeconds((i + 1) * 3600L)));
        Instant decided = submitted.plusSeconds((10 + i) * 3600L);
        publish(Topics.REFERRALS, referral.referralId(), i < 4 ? referral.accepted(decided)
            : referral.declined(decided, i == 4 ? "NOT_IN_REMIT" : "ALREADY_KNOWN"));
    }

    /** Ten urgent notifications, five answered in time and five escalated and answered late; one immediate unanswered. */
    private void notifyCoordinators(StatisticsTestData urgent) {
        for (int i = 0; i < 10; i++) {
            String id = ref("n");
            Instant at = FEBRUARY.plusSeconds(200_000 + i * 60L);
            Instant deadline = at.plusSeconds(3600);
            publish(Topics.NOTIFICATIONS, id, urgent.notified(at, id, deadline));
            if (i >= 5) {
                publish(Topics.NOTIFICATIONS, id, urgent.escalated(deadline.plusSeconds(60), id, deadline.plusSeconds(3600)));
            }
            var acknowledged = urgent.acknowledged(at.plusSeconds(i < 5 ? 1800 : 7200), id);
            publish(Topics.NOTIFICATIONS, id, acknowledged);
            events.publish(Topics.NOTIFICATIONS, id, acknowledged);
        }
        StatisticsTestData immediate = referral(ref("p"), Urgency.IMMEDIATE);
        String id = ref("n");
        publish(Topics.NOTIFICATIONS, id, immediate.notified(FEBRUARY, id, FEBRUARY.plusSeconds(900)));
    }

    private StatisticsTestData referral(String subjectRef, Urgency urgency) {
        StatisticsTestData referral = StatisticsTestData.referral(subjectRef, urgency, userRef);
        refs.add(referral.referralId());
        return referral;
    }

    private void publish(String topic, String key, SpecificRecord event) {
        events.publish(topic, key, event);
        eventIds.add(((se.nexus.events.EventMetadata) event.get(event.getSchema().getField("metadata").pos()))
            .getEventId());
    }

    private String ref(String prefix) {
        String ref = prefix + "-" + UUID.randomUUID();
        refs.add(ref);
        return ref;
    }

    /** Until every event is in the chain, and the projection has passed the last of them. */
    private void awaitProjected() throws SQLException {
        refs.add(userRef);
        await().atMost(PATIENCE).until(() -> stored("SELECT 'in chain', count(*) FROM audit_entries WHERE event_id IN ("
            + String.join(",", eventIds.stream().map(id -> "'" + id + "'").toList()) + ")")
            .get("in chain") == eventIds.stream().distinct().count());
        long last = lastPosition();
        await().atMost(PATIENCE).until(() -> stored("SELECT 'cursor', position FROM statistics_cursor").get("cursor") >= last);
    }

    private long lastPosition() {
        try {
            return stored("SELECT 'last', max(position) FROM audit_entries WHERE event_id IN ("
                + String.join(",", eventIds.stream().map(id -> "'" + id + "'").toList()) + ")").get("last");
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A query of two columns, a label and a number, as a sorted map; run as the database's owner. */
    private static Map<String, Long> stored(String sql) throws SQLException {
        Map<String, Long> rows = new TreeMap<>();
        try (Connection connection = OwnerDatabase.connect(); PreparedStatement query = connection.prepareStatement(sql);
                ResultSet row = query.executeQuery()) {
            while (row.next()) {
                rows.put(row.getString(1), row.getLong(2));
            }
        }
        return rows;
    }

    private static List<String> columnValues(Connection connection, String table, String column, String type)
            throws SQLException {
        List<String> values = new ArrayList<>();
        try (PreparedStatement query = connection.prepareStatement("SELECT " + column + " FROM " + table);
                ResultSet row = query.executeQuery()) {
            while (row.next()) {
                if ("bytea".equals(type)) {
                    byte[] bytes = row.getBytes(1);
                    if (bytes != null) {
                        values.add(HexFormat.of().formatHex(bytes));
                        values.add(new String(bytes, StandardCharsets.UTF_8));
                    }
                } else if (row.getString(1) != null) {
                    values.add(row.getString(1));
                }
            }
        }
        return values;
    }

    private AuditApi api() {
        return new AuditApi(port);
    }

    private static String followUp() {
        return AuditApi.token(COUNTY_BOARD, "FOLLOW_UP");
    }

    private static List<String> ids(JsonNode statistics) {
        List<String> ids = new ArrayList<>();
        statistics.get("tables").forEach(table -> ids.add(table.get("id").asString()));
        return ids;
    }

    private static JsonNode table(JsonNode statistics, String id) {
        for (JsonNode table : statistics.get("tables")) {
            if (table.get("id").asString().equals(id)) {
                return table;
            }
        }
        throw new AssertionError("no table " + id);
    }

    /** A row's cells as the CSV writes them: the value, {@code ..} when withheld, empty when there is none. */
    private static List<String> cells(JsonNode table, int row) {
        List<String> cells = new ArrayList<>();
        table.get("cells").get(row).forEach(cell -> cells.add(cell.get("suppressed").asBoolean() ? ".."
            : cell.get("value").isNull() ? "" : cell.get("value").asString()));
        return cells;
    }

    private static List<String> texts(JsonNode array) {
        List<String> texts = new ArrayList<>();
        array.forEach(each -> texts.add(each.asString()));
        return texts;
    }
}
