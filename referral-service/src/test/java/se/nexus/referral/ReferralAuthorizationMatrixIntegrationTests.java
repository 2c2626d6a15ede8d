package se.nexus.referral;

import static org.assertj.core.api.Assertions.assertThat;
import static se.nexus.referral.Cases.RECEIVER;
import static se.nexus.referral.Cases.SENDER;
import static se.nexus.referral.Cases.TARGET;
import static se.nexus.referral.Cases.UNINVOLVED;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.springframework.boot.test.web.server.LocalServerPort;

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
        new Object[] { post("receive", Cases::submitted, id -> "/api/v1/referrals/" + id + "/receive", NONE), 409, 200, 409, 404, 404 },
        new Object[] { post("accept", Cases::received, id -> "/api/v1/referrals/" + id + "/accept", NONE), 409, 200, 409, 404, 404 },
        new Object[] { post("decline", Cases::received, id -> "/api/v1/referrals/" + id + "/decline", Map.of("reason", "NOT_IN_REMIT")), 409, 200, 409, 404, 404 },
        new Object[] { post("withdraw", Cases::received, id -> "/api/v1/referrals/" + id + "/withdraw", NONE), 200, 409, 409, 404, 404 },
        new Object[] { post("close", Cases::accepted, id -> "/api/v1/referrals/" + id + "/close", NONE), 409, 200, 200, 404, 404 },
        new Object[] { post("request handover", Cases::accepted, id -> "/api/v1/referrals/" + id + "/handovers", HANDOVER), 409, 201, 201, 404, 404 },
        new Object[] { new Endpoint("GET handover", Cases::pendingHandover, id -> "/api/v1/handovers/" + id, null, true), 404, 200, 200, 200, 404 },
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
