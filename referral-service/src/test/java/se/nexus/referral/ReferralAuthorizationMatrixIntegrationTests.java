package se.nexus.referral;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;
import static se.nexus.referral.Cases.RECEIVER;
import static se.nexus.referral.Cases.SENDER;
import static se.nexus.referral.Cases.TARGET;
import static se.nexus.referral.Cases.UNINVOLVED;

import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;

import com.nimbusds.jwt.JWTClaimsSet;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import se.nexus.infrastructure.SharedInfrastructure;
import se.nexus.infrastructure.TokenIssuer;
import se.nexus.support.test.ApiClient;
import se.nexus.support.test.NexusIntegrationTest;

/**
 * Every endpoint of the referral service, called by every relation to the case (sender, receiver,
 * owner after a handover, handover target, uninvolved agency) and by the wrong roles, each cell on a
 * fresh case in the state where the rightful party would succeed. The expected status of every cell
 * is written out: there is no cell left to chance.
 */
@NexusIntegrationTest
class ReferralAuthorizationMatrixIntegrationTests {

    @LocalServerPort
    int port;
    @Autowired
    JdbcClient jdbc;
    final ApiClient api = new ApiClient();

    enum Relation { SENDER_AGENCY, RECEIVER_AGENCY, OWNER_AFTER_HANDOVER, HANDOVER_TARGET, UNINVOLVED_AGENCY }

    /** An endpoint: how to prepare a case for it, and the path and body to call. */
    record Endpoint(String name, Function<Cases, String> setup, Function<String, String> path, Object body, boolean get) {
    }

    static Endpoint post(String name, Function<Cases, String> setup, Function<String, String> path, Object body) {
        return new Endpoint(name, setup, path, body, false);
    }

    static final Map<String, Object> NONE = Map.of();
    static final Map<String, Object> HANDOVER = Map.of("toAgency", "se.aklagarmyndigheten", "reason", "CRIME_SUSPECTED");

    /** name -> expected status for SENDER, RECEIVER, OWNER_AFTER_HANDOVER, HANDOVER_TARGET, UNINVOLVED. */
    static final List<Object[]> MATRIX = List.of(
        new Object[] { new Endpoint("GET referral", Cases::submitted, id -> "/api/v1/referrals/" + id, null, true), 200, 200, 200, 404, 404 },
        new Object[] { new Endpoint("GET referral history", Cases::submitted, id -> "/api/v1/referrals/" + id + "/history", null, true), 200, 200, 200, 404, 404 },
        new Object[] { post("receive", Cases::submitted, id -> "/api/v1/referrals/" + id + "/receive", NONE), 409, 200, 409, 404, 404 },
        new Object[] { post("accept", Cases::received, id -> "/api/v1/referrals/" + id + "/accept", NONE), 409, 200, 409, 404, 404 },
        new Object[] { post("decline", Cases::received, id -> "/api/v1/referrals/" + id + "/decline", Map.of("reason", "NOT_IN_REMIT")), 409, 200, 409, 404, 404 },
        new Object[] { post("withdraw", Cases::received, id -> "/api/v1/referrals/" + id + "/withdraw", NONE), 200, 409, 409, 404, 404 },
        new Object[] { post("close", Cases::accepted, id -> "/api/v1/referrals/" + id + "/close", NONE), 409, 200, 200, 404, 404 },
        new Object[] { post("request handover", Cases::accepted, id -> "/api/v1/referrals/" + id + "/handovers", HANDOVER), 409, 201, 201, 404, 404 },
        new Object[] { new Endpoint("GET handover", Cases::pendingHandover, id -> "/api/v1/handovers/" + id, null, true), 404, 200, 200, 200, 404 },
        new Object[] { new Endpoint("list handovers", Cases::pendingHandover, id -> "/api/v1/handovers?box=received", null, true), 200, 200, 200, 200, 200 },
        new Object[] { post("accept handover", Cases::pendingHandover, id -> "/api/v1/handovers/" + id + "/accept", NONE), 404, 409, 409, 200, 404 },
        new Object[] { post("decline handover", Cases::pendingHandover, id -> "/api/v1/handovers/" + id + "/decline", Map.of("reason", "NO_CAPACITY")), 404, 409, 409, 200, 404 },
        new Object[] { post("cancel handover", Cases::pendingHandover, id -> "/api/v1/handovers/" + id + "/cancel", NONE), 404, 200, 200, 409, 404 });

    /**
     * Who acts for each relation. For referral endpoints the owner column acts on a case handed over to
     * the target (so the owner is neither sender nor receiver); for handover endpoints the receiver is
     * the owner who requested the handover.
     */
    static String agency(Relation relation) {
        return switch (relation) {
            case SENDER_AGENCY -> SENDER;
            case RECEIVER_AGENCY -> RECEIVER;
            case OWNER_AFTER_HANDOVER -> TARGET;
            case HANDOVER_TARGET -> TARGET;
            case UNINVOLVED_AGENCY -> UNINVOLVED;
        };
    }

    @TestFactory
    Stream<DynamicTest> everyEndpointForEveryRelationAndRole() {
        List<DynamicTest> tests = new ArrayList<>();
        for (Object[] row : MATRIX) {
            Endpoint endpoint = (Endpoint) row[0];
            Relation[] relations = Relation.values();
            for (int i = 0; i < relations.length; i++) {
                Relation relation = relations[i];
                int expected = (Integer) row[i + 1];
                tests.add(DynamicTest.dynamicTest(endpoint.name() + " by " + relation + " -> " + expected,
                    () -> assertThat(call(endpoint, relation, "CASEWORKER")).isEqualTo(expected)));
            }
            for (String role : List.of("COORDINATOR", "AUDITOR")) {
                tests.add(DynamicTest.dynamicTest(endpoint.name() + " as " + role + " -> 403",
                    () -> assertThat(call(endpoint, Relation.RECEIVER_AGENCY, role)).isEqualTo(403)));
            }
            tests.add(DynamicTest.dynamicTest(endpoint.name() + " without a token -> 401",
                () -> assertThat(call(endpoint, Relation.RECEIVER_AGENCY, null)).isEqualTo(401)));
        }
        return tests.stream();
    }

    /**
     * The handover lists show an agency only its own handovers: a pending handover is in the target's received box
     * and the requesting owner's sent box, and in no box of any other agency.
     */
    @TestFactory
    Stream<DynamicTest> handoverListsShowOnlyTheCallersAgencysHandovers() {
        Cases cases = new Cases(port);
        String handover = cases.pendingHandover();
        List<DynamicTest> tests = new ArrayList<>();
        for (String agency : List.of(SENDER, RECEIVER, TARGET, UNINVOLVED)) {
            for (String box : List.of("received", "sent")) {
                boolean party = box.equals("received") ? agency.equals(TARGET) : agency.equals(RECEIVER);
                tests.add(dynamicTest(box + " box of " + agency + (party ? " shows it" : " does not show it"), () -> {
                    var items = api.get(cases.url("/api/v1/handovers?box=" + box + "&size=100"),
                        Cases.caseworker(agency)).body().get("items");
                    assertThat(items.findValuesAsText("id").contains(handover)).isEqualTo(party);
                    assertThat(items.findValuesAsText(box.equals("sent") ? "fromAgency" : "toAgency"))
                        .allMatch(agency::equals);
                }));
            }
        }
        return tests.stream();
    }

    static final String PROSECUTION = "se.aklagarmyndigheten";
    static final String COUNTY_BOARD = "se.lansstyrelsen.uppsala";

    /**
     * Erasing a person's free text is for an AUDITOR of a resource centre only: the role is checked per path
     * (403 for any other role), the agency's kind by the service (403 for the county board's auditors). A refused
     * erasure erases nothing; the allowed one answers 204, and so does every repeat.
     */
    @TestFactory
    Stream<DynamicTest> onlyAResourceCentresAuditorMayEraseAPersonsFreeText() {
        Cases cases = new Cases(port);
        String referral = cases.submitted();
        String subject = api.get(cases.url("/api/v1/referrals/" + referral), Cases.caseworker(SENDER)).body()
            .get("subject").get("ref").asText();
        String url = cases.url("/api/v1/subjects/erasures");
        Map<String, Object> body = Map.of("subjectRef", subject, "reason", "ERASURE_REQUEST");
        Map<String, String> callers = new LinkedHashMap<>();
        callers.put("a CASEWORKER of the resource centre", Cases.token(RECEIVER, "CASEWORKER"));
        callers.put("a COORDINATOR of the resource centre", Cases.token(RECEIVER, "COORDINATOR"));
        callers.put("an AUDITOR of the county board", Cases.token(COUNTY_BOARD, "AUDITOR"));
        callers.put("a CASEWORKER of social services", Cases.token(SENDER, "CASEWORKER"));
        callers.put("a COORDINATOR of social services", Cases.token(SENDER, "COORDINATOR"));
        List<DynamicTest> tests = new ArrayList<>();
        callers.forEach((who, token) -> tests.add(dynamicTest(who + " -> 403, and the text stays", () -> {
            assertThat(api.post(url, token, body).status()).isEqualTo(403);
            assertThat(api.get(cases.url("/api/v1/referrals/" + referral), Cases.caseworker(SENDER)).body()
                .get("summary").asText()).isEqualTo("Summary text");
        })));
        tests.add(dynamicTest("without a token -> 401", () -> assertThat(api.post(url, null, body).status()).isEqualTo(401)));
        tests.add(dynamicTest("an AUDITOR of the resource centre -> 204, and again -> 204", () -> {
            assertThat(api.post(url, Cases.token(RECEIVER, "AUDITOR"), body).status()).isEqualTo(204);
            assertThat(api.post(url, Cases.token(RECEIVER, "AUDITOR"), body).status()).isEqualTo(204);
            assertThat(api.get(cases.url("/api/v1/referrals/" + referral), Cases.caseworker(SENDER)).body()
                .get("summary").isNull()).isTrue();
        }));
        return tests.stream();
    }

    /**
     * A legal hold is for an AUDITOR of a resource centre only, like an erasure: the role is checked per path (403 for
     * any other role, whichever agency), the agency's kind by the service (403 for the county board's auditors). A
     * refused call changes nothing; the allowed ones answer 200 (placing, again and again) and 204 (lifting), and 404
     * for a referral that does not exist.
     */
    @TestFactory
    Stream<DynamicTest> onlyAResourceCentresAuditorMayPlaceOrLiftALegalHold() {
        Cases cases = new Cases(port);
        String referral = cases.submitted();
        String url = cases.url("/api/v1/referrals/" + referral + "/legal-hold");
        Map<String, Object> body = Map.of("reason", "LEGAL_PROCEEDINGS");
        Map<String, String> callers = new LinkedHashMap<>();
        callers.put("a CASEWORKER of the resource centre", Cases.token(RECEIVER, "CASEWORKER"));
        callers.put("a COORDINATOR of the resource centre", Cases.token(RECEIVER, "COORDINATOR"));
        callers.put("an AUDITOR of the county board", Cases.token(COUNTY_BOARD, "AUDITOR"));
        callers.put("a CASEWORKER of social services, the sender", Cases.token(SENDER, "CASEWORKER"));
        callers.put("a COORDINATOR of social services", Cases.token(SENDER, "COORDINATOR"));
        List<DynamicTest> tests = new ArrayList<>();
        callers.forEach((who, token) -> {
            tests.add(dynamicTest("placing by " + who + " -> 403, and nothing is held", () -> {
                assertThat(api.put(url, token, body).status()).isEqualTo(403);
                assertThat(held(referral)).isFalse();
            }));
            tests.add(dynamicTest("lifting by " + who + " -> 403",
                () -> assertThat(api.delete(url, token).status()).isEqualTo(403)));
        });
        tests.add(dynamicTest("placing without a token -> 401", () -> assertThat(api.put(url, null, body).status()).isEqualTo(401)));
        tests.add(dynamicTest("lifting without a token -> 401", () -> assertThat(api.delete(url, null).status()).isEqualTo(401)));
        tests.add(dynamicTest("an AUDITOR of the resource centre: placing -> 200 twice, lifting -> 204 twice", () -> {
            assertThat(api.put(url, Cases.token(RECEIVER, "AUDITOR"), body).status()).isEqualTo(200);
            assertThat(api.put(url, Cases.token(RECEIVER, "AUDITOR"), body).status()).isEqualTo(200);
            assertThat(held(referral)).isTrue();
            assertThat(api.delete(url, Cases.token(RECEIVER, "AUDITOR")).status()).isEqualTo(204);
            assertThat(api.delete(url, Cases.token(RECEIVER, "AUDITOR")).status()).isEqualTo(204);
            assertThat(held(referral)).isFalse();
        }));
        String unknown = cases.url("/api/v1/referrals/" + UUID.randomUUID() + "/legal-hold");
        tests.add(dynamicTest("an AUDITOR of the resource centre, no such referral -> 404 and 404", () -> {
            assertThat(api.put(unknown, Cases.token(RECEIVER, "AUDITOR"), body).status()).isEqualTo(404);
            assertThat(api.delete(unknown, Cases.token(RECEIVER, "AUDITOR")).status()).isEqualTo(404);
        }));
        tests.add(dynamicTest("an AUDITOR of the resource centre, an unknown reason -> 400", () -> assertThat(
            api.put(url, Cases.token(RECEIVER, "AUDITOR"), Map.of("reason", "BECAUSE")).status()).isEqualTo(400)));
        return tests.stream();
    }

    private boolean held(String referral) {
        return jdbc.sql("SELECT legal_hold_reason IS NOT NULL FROM referrals WHERE id = ?")
            .param(UUID.fromString(referral)).query(Boolean.class).single();
    }

    /**
     * A consent that social services (the sender) recorded for the resource centre and the police may be relied on
     * by those three agencies only; for any other agency it answers exactly as an unknown consent does.
     */
    @TestFactory
    Stream<DynamicTest> onlyTheRecordingAndNamedAgenciesMayDiscloseOnAConsent() {
        Cases cases = new Cases(port);
        String subject = "p-" + UUID.randomUUID().toString().substring(0, 8);
        var consent = cases.post("/api/v1/consents", SENDER, Map.of("subjectRef", subject,
            "grantedTo", List.of(RECEIVER, TARGET), "purpose", "PROTECTION_AND_SUPPORT",
            "dataCategories", List.of("CASE_SUMMARY"), "validUntil", LocalDate.now().plusDays(30).toString(),
            "obtained", "WRITTEN"));
        Cases.expect(consent, 201);
        String consentId = consent.body().get("id").asText();
        ApiClient.Response unknown = referOnConsent(cases, SENDER, RECEIVER, subject, UUID.randomUUID().toString());
        return Stream.of(
            dynamicTest("the recording agency may rely on it -> 201",
                () -> assertThat(referOnConsent(cases, SENDER, RECEIVER, subject, consentId).status()).isEqualTo(201)),
            dynamicTest("a named agency may rely on it -> 201",
                () -> assertThat(referOnConsent(cases, TARGET, RECEIVER, subject, consentId).status()).isEqualTo(201)),
            dynamicTest("an agency with no part in it -> 422, as for an unknown consent", () -> {
                ApiClient.Response foreign = referOnConsent(cases, UNINVOLVED, RECEIVER, subject, consentId);
                assertThat(foreign.status()).isEqualTo(422);
                assertThat(foreign.body()).isEqualTo(unknown.body());
            }),
            dynamicTest("another agency with no part in it -> 422",
                () -> assertThat(referOnConsent(cases, PROSECUTION, RECEIVER, subject, consentId).status()).isEqualTo(422)),
            dynamicTest("reading it by an agency with no part in it -> 404, as for an unknown consent", () -> {
                ApiClient.Response foreign = api.get(cases.url("/api/v1/consents/" + consentId), Cases.caseworker(UNINVOLVED));
                ApiClient.Response none = api.get(cases.url("/api/v1/consents/" + UUID.randomUUID()), Cases.caseworker(UNINVOLVED));
                assertThat(foreign.status()).isEqualTo(404);
                assertThat(foreign.body().get("type")).isEqualTo(none.body().get("type"));
                assertThat(foreign.body().get("detail").asText().replace(consentId, "<id>")).isEqualTo(
                    none.body().get("detail").asText().replaceAll("[0-9a-f-]{36}", "<id>"));
            }));
    }

    private ApiClient.Response referOnConsent(Cases cases, String from, String to, String subject, String consentId) {
        Map<String, Object> body = new HashMap<>(Cases.newReferral());
        body.put("toAgency", to);
        body.put("subject", Map.of("ref", subject, "protectedIdentity", false));
        body.put("legalBasis", Map.of("type", "CONSENT", "consentId", consentId));
        return cases.post("/api/v1/referrals", from, body);
    }

    /** A stored answer to an Idempotency-Key is replayed only to a caller whose role may make the request. */
    @TestFactory
    Stream<DynamicTest> anIdempotentReplayIsAuthorisedFirst() {
        Cases cases = new Cases(port);
        String url = cases.url("/api/v1/referrals");
        Map<String, Object> body = Cases.newReferral();
        Map<String, String> key = Map.of("Idempotency-Key", UUID.randomUUID().toString());
        Cases.expect(api.post(url, Cases.caseworker(SENDER), body, key), 201);
        return Stream.of(
            dynamicTest("replay to a COORDINATOR of the same agency -> 403",
                () -> assertThat(api.post(url, Cases.token(SENDER, "COORDINATOR"), body, key).status()).isEqualTo(403)),
            dynamicTest("replay to a token of the same agency with no roles -> 403", () -> assertThat(
                api.post(url, issuer().issue("u-none", SENDER, Set.of()), body, key).status()).isEqualTo(403)),
            dynamicTest("replay to a CASEWORKER of the same agency -> 201",
                () -> assertThat(api.post(url, Cases.caseworker(SENDER), body, key).status()).isEqualTo(201)),
            dynamicTest("an invalid body from a COORDINATOR -> 403, not the field errors", () -> assertThat(
                api.post(url, Cases.token(SENDER, "COORDINATOR"), Map.of("urgency", "SOON"), Map.of()).status())
                .isEqualTo(403)));
    }

    /** Tokens whose claims are of the wrong type, from the wrong issuer or for the wrong audience are refused. */
    @TestFactory
    Stream<DynamicTest> tokenClaimsAreCheckedStrictly() {
        Map<String, UnaryOperator<JWTClaimsSet.Builder>> tokens = new LinkedHashMap<>();
        tokens.put("agency as an array", claims -> claims.claim("agency", List.of(SENDER)));
        tokens.put("agency as a number", claims -> claims.claim("agency", 42));
        tokens.put("an agency that does not participate", claims -> claims.claim("agency", "se.example.unknown"));
        tokens.put("AUDITOR for social services", claims -> claims.claim("roles", List.of("AUDITOR")));
        tokens.put("CASEWORKER for the county board",
            claims -> claims.claim("agency", "se.lansstyrelsen.uppsala"));
        tokens.put("an unknown role", claims -> claims.claim("roles", List.of("CASEWORKER", "ADMIN")));
        tokens.put("roles as a string", claims -> claims.claim("roles", "CASEWORKER"));
        tokens.put("another issuer", claims -> claims.issuer("http://idp.example"));
        tokens.put("no audience", claims -> claims.audience((String) null));
        tokens.put("another audience", claims -> claims.audience("other-system"));
        tokens.put("no exp", claims -> claims.expirationTime(null));
        tokens.put("no iat and an exp 30 days ahead", claims -> claims.issueTime(null)
            .expirationTime(Date.from(Instant.now().plus(30, ChronoUnit.DAYS))));
        tokens.put("a lifetime of 30 days",
            claims -> claims.expirationTime(Date.from(Instant.now().plus(30, ChronoUnit.DAYS))));
        String url = new Cases(port).url("/api/v1/referrals?box=sent");
        List<DynamicTest> tests = new ArrayList<>();
        tests.add(dynamicTest("a well-formed token -> 200", () -> assertThat(
            api.get(url, issuer().sign(issuer().claims("u-1", SENDER, Set.of("CASEWORKER")).build())).status())
            .isEqualTo(200)));
        tokens.forEach((name, change) -> tests.add(dynamicTest(name + " -> 401", () -> assertThat(api.get(url,
            issuer().sign(change.apply(issuer().claims("u-1", SENDER, Set.of("CASEWORKER"))).build())).status())
            .isEqualTo(401))));
        return tests.stream();
    }

    private static TokenIssuer issuer() {
        return SharedInfrastructure.get().tokenIssuer();
    }

    private int call(Endpoint endpoint, Relation relation, String role) {
        Cases cases = new Cases(port);
        boolean referralEndpoint = !endpoint.name().contains("handover") || endpoint.name().equals("request handover");
        String id = relation == Relation.OWNER_AFTER_HANDOVER && referralEndpoint
            ? cases.handedOver() : endpoint.setup().apply(cases);
        if (relation == Relation.OWNER_AFTER_HANDOVER && !referralEndpoint) {
            relation = Relation.RECEIVER_AGENCY;
        }
        String url = cases.url(endpoint.path().apply(id));
        String token = role == null ? null : Cases.token(agency(relation), role);
        ApiClient.Response response = endpoint.get() ? api.get(url, token) : api.post(url, token, endpoint.body());
        return response.status();
    }
}
