package se.nexus.endtoend;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;

import com.fasterxml.jackson.databind.JsonNode;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import se.nexus.local.LocalPlatform;
import se.nexus.support.test.ApiClient;

/**
 * Every read of case data, and every refused attempt, reaches the audit chain, and the person's extract lists
 * exactly those, with the changes and their legal basis, and nothing of the free text.
 */
class AccessLogEndToEndTests {

    static final String SOCIAL_SERVICES = "se.uppsala.socialtjanst";
    static final String RESOURCE_CENTRE = "se.uppsala.nexus";
    static final String POLICE = "se.polisen.region-mitt";
    static final String HEALTH_CARE = "se.region-uppsala.vard";
    static final String SUMMARY = "Free text that no access event may carry " + UUID.randomUUID();

    static LocalPlatform platform;
    static final ApiClient api = new ApiClient();

    @BeforeAll
    static void startPlatform() {
        platform = SharedPlatform.get();
    }

    @Test
    void eachPartysReadAndEachRefusedAttemptIsInThePersonsExtract() throws Exception {
        String subject = "p-access-" + UUID.randomUUID().toString().substring(0, 8);
        String referral = submit(subject);
        String url = platform.serviceUrl("referral-service") + "/api/v1/referrals/" + referral;

        assertThat(api.get(url, platform.token(RESOURCE_CENTRE, "CASEWORKER")).status()).isEqualTo(200);
        var sent = api.get(platform.serviceUrl("referral-service") + "/api/v1/referrals?box=sent&size=100",
            platform.token(SOCIAL_SERVICES, "CASEWORKER"));
        assertThat(sent.status()).isEqualTo(200);
        assertThat(api.get(url, platform.token(POLICE, "CASEWORKER")).status()).isEqualTo(404);
        assertThat(api.get(url, platform.token(RESOURCE_CENTRE, "COORDINATOR")).status()).isEqualTo(403);
        assertThat(api.get(url, forgedToken(HEALTH_CARE)).status()).isEqualTo(401);

        String auditor = platform.token(RESOURCE_CENTRE, "AUDITOR");
        String extractUrl = platform.serviceUrl("audit-service") + "/api/v1/audit/subjects/" + subject + "/extract?size=500";
        await().atMost(Duration.ofSeconds(60)).until(() -> kinds(api.get(extractUrl, auditor).body())
            .containsAll(Set.of("READ " + RESOURCE_CENTRE, "READ " + SOCIAL_SERVICES, "REFUSED " + POLICE)));

        var extract = api.get(extractUrl, auditor);
        assertThat(extract.status()).isEqualTo(200);
        List<JsonNode> lines = lines(extract.body());
        assertThat(lines).filteredOn(line -> !"CHANGE".equals(line.get("kind").asText())
                && !"EXTRACT_READ".equals(line.get("kind").asText()))
            .extracting(line -> line.get("kind").asText() + " " + line.get("agency").asText() + " "
                + line.get("recordType").asText() + " " + line.path("outcome").asText(""))
            .containsExactlyInAnyOrder("READ " + RESOURCE_CENTRE + " REFERRAL ", "READ " + SOCIAL_SERVICES + " REFERRAL ",
                "REFUSED " + POLICE + " REFERRAL NOT_FOUND");
        JsonNode centreRead = lines.stream().filter(line -> RESOURCE_CENTRE.equals(line.get("agency").asText())
            && "READ".equals(line.get("kind").asText())).findFirst().orElseThrow();
        assertThat(centreRead.get("freeTextRevealed").asBoolean()).isTrue();
        assertThat(centreRead.get("holder").asText()).isEqualTo("SYSTEM");
        assertThat(centreRead.get("channel").asText()).isEqualTo("API");
        assertThat(centreRead.get("role").asText()).isEqualTo("CASEWORKER");
        assertThat(centreRead.get("referralId").asText()).isEqualTo(referral);
        assertThat(lines).anySatisfy(line -> {
            assertThat(line.get("kind").asText()).isEqualTo("CHANGE");
            assertThat(line.get("eventType").asText()).isEqualTo("ReferralSubmitted");
            assertThat(line.get("agency").asText()).isEqualTo(SOCIAL_SERVICES);
            assertThat(line.get("legalBasis").asText()).isEqualTo("OSL_10_2");
        });
        // Newest first, and no free text anywhere.
        List<Long> positions = lines.stream().map(line -> line.get("position").asLong()).toList();
        assertThat(positions).isSortedAccordingTo((a, b) -> Long.compare(b, a));
        assertThat(extract.body().toString()).doesNotContain(SUMMARY);

        // Reading the extract is itself in the log, under the same person.
        await().atMost(Duration.ofSeconds(10)).until(() -> kinds(api.get(extractUrl, auditor).body())
            .contains("EXTRACT_READ " + RESOURCE_CENTRE));

        // The refusals with no case to name are in the chain too: the coordinator's role, the forged token's agency.
        String refusals = platform.serviceUrl("audit-service")
            + "/api/v1/audit/entries?eventType=se.nexus.events.access.AccessRefused&size=500&agency=";
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            assertThat(details(api.get(refusals + RESOURCE_CENTRE, auditor).body()))
                .anySatisfy(details -> assertThat(details).contains("\"outcome\":\"FORBIDDEN\"")
                    .contains("\"request\":\"GET /api/v1/referrals/{id}\"").contains("\"role\":\"COORDINATOR\""));
            assertThat(details(api.get(refusals + HEALTH_CARE, auditor).body()))
                .anySatisfy(details -> assertThat(details).contains("\"outcome\":\"UNAUTHENTICATED\""));
        });
        var verified = api.get(platform.serviceUrl("audit-service") + "/api/v1/audit/verify", auditor);
        assertThat(verified.body().get("valid").asBoolean()).isTrue();
    }

    private static String submit(String subject) {
        var response = api.post(platform.serviceUrl("referral-service") + "/api/v1/referrals",
            platform.token(SOCIAL_SERVICES, "CASEWORKER"), Map.of("toAgency", RESOURCE_CENTRE,
                "subject", Map.of("ref", subject, "protectedIdentity", false), "urgency", "URGENT",
                "concerns", List.of("THREATS"), "legalBasis", Map.of("type", "STATUTORY", "provisionCode", "OSL_10_2"),
                "summary", SUMMARY));
        assertThat(response.status()).isEqualTo(201);
        return response.body().get("id").asText();
    }

    /** A well-formed token for the agency, signed by a key the services do not trust. */
    private static String forgedToken(String agency) throws Exception {
        var key = new RSAKeyGenerator(2048).generate();
        SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.RS256), new JWTClaimsSet.Builder()
            .issuer(platform.issuerUri()).subject("forger").audience("nexus").claim("agency", agency)
            .claim("roles", List.of("CASEWORKER")).issueTime(new Date())
            .expirationTime(Date.from(Instant.now().plusSeconds(600))).build());
        jwt.sign(new RSASSASigner(key));
        return jwt.serialize();
    }

    private static List<JsonNode> lines(JsonNode extract) {
        return StreamSupport.stream(extract.get("entries").spliterator(), false).toList();
    }

    private static Set<String> kinds(JsonNode extract) {
        return lines(extract).stream().map(line -> line.get("kind").asText() + " " + line.get("agency").asText())
            .collect(Collectors.toSet());
    }

    private static List<String> details(JsonNode page) {
        return StreamSupport.stream(page.get("items").spliterator(), false).map(item -> item.path("details").asText(""))
            .toList();
    }
}
