package se.nexus.referral.protection;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.TestPropertySource;

import se.nexus.infrastructure.SharedInfrastructure;
import se.nexus.support.test.ApiClient;
import se.nexus.support.test.NexusIntegrationTest;

/**
 * Master-key rotation: with key-2 made active, data keys wrapped under key-1 and text sealed directly under key-1
 * are moved off it batch by batch while every summary stays readable, and afterwards key-1 is needed for nothing.
 */
@NexusIntegrationTest
@TestPropertySource(properties = { "nexus.protection.active-key-id=key-2", "nexus.protection.rotation.batch-size=2" })
class KeyRotationIntegrationTests {

    static final String SENDER = "se.uppsala.socialtjanst";
    static final String RECEIVER = "se.uppsala.nexus";

    @LocalServerPort
    int port;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    MasterKeys masterKeys;
    @Autowired
    KeyRotation rotation;
    @Autowired
    KeyRotationSchedule schedule;
    @Autowired
    ProtectionProperties properties;
    final ApiClient api = new ApiClient();

    @Test
    void rotationMovesEveryDataKeyAndOldTextToTheActiveKeyWhileEverySummaryStaysReadable() {
        Map<String, String> summaries = new LinkedHashMap<>();
        for (int i = 0; i < 5; i++) {
            summaries.put(submit("Summary " + i), "Summary " + i);
        }
        List<String> ids = new ArrayList<>(summaries.keySet());
        // As if written before the switch to key-2: data keys wrapped under key-1, one text sealed directly under it.
        ids.subList(0, 4).forEach(id -> wrapUnderKeyOne(subjectOf(id)));
        OldFormat.storeSummary(jdbc, UUID.fromString(ids.get(4)), "Summary 4");
        assertThat(underKeyOne()).isGreaterThanOrEqualTo(4);
        assertThat(directTexts()).isGreaterThanOrEqualTo(1);
        assertAllReadable(summaries);

        assertThat(rotation.rewrapBatch(properties.rotation().batchSize())).isEqualTo(2);
        assertAllReadable(summaries);

        schedule.rotate();
        assertThat(underKeyOne()).as("data keys still wrapped under key-1").isZero();
        assertThat(directTexts()).as("text still sealed directly under a master key").isZero();
        assertAllReadable(summaries);

        var withoutKeyOne = new MasterKeys(new ProtectionProperties("key-2",
            Map.of("key-2", SharedKeys.KEY_2), properties.rotation()));
        jdbc.sql("SELECT id, master_key_id, wrapped_key FROM subject_keys").query((row, n) -> new SubjectKey(
            row.getObject("id", UUID.class), row.getString("master_key_id"), row.getBytes("wrapped_key"))).list()
            .forEach(key -> assertThat(withoutKeyOne.unwrap(key).getEncoded()).hasSize(32));
    }

    @Test
    void aNewDataKeyIsWrappedUnderTheActiveMasterKey() {
        String id = submit("Fresh");
        assertThat(jdbc.sql("SELECT master_key_id FROM subject_keys WHERE subject_ref = ?").param(subjectOf(id))
            .query(String.class).single()).isEqualTo("key-2");
        assertThat(masterKeys.activeKeyId()).isEqualTo("key-2");
        assertThat(rotation.retiringKeyIds()).containsExactly("key-1");
    }

    private void wrapUnderKeyOne(String subjectRef) {
        SubjectKey current = jdbc.sql("SELECT id, master_key_id, wrapped_key FROM subject_keys WHERE subject_ref = ?")
            .param(subjectRef).query((row, n) -> new SubjectKey(row.getObject("id", UUID.class),
                row.getString("master_key_id"), row.getBytes("wrapped_key"))).single();
        SubjectKey old = OldFormat.keyOne().wrap(current.id(), masterKeys.unwrap(current));
        jdbc.sql("UPDATE subject_keys SET master_key_id = ?, wrapped_key = ? WHERE id = ?")
            .param(old.masterKeyId()).param(old.wrapped()).param(old.id()).update();
    }

    private long underKeyOne() {
        return jdbc.sql("SELECT count(*) FROM subject_keys WHERE master_key_id = 'key-1'").query(Long.class).single();
    }

    private long directTexts() {
        return jdbc.sql("""
                SELECT count(*) FROM referrals
                WHERE summary_key_id IN ('key-1', 'key-2') OR decline_comment_key_id IN ('key-1', 'key-2')""")
            .query(Long.class).single();
    }

    private void assertAllReadable(Map<String, String> summaries) {
        summaries.forEach((id, summary) -> assertThat(api.get(url("/api/v1/referrals/" + id), token(SENDER))
            .body().get("summary").asText()).isEqualTo(summary));
    }

    private String subjectOf(String referralId) {
        return jdbc.sql("SELECT subject_ref FROM referrals WHERE id = ?").param(UUID.fromString(referralId))
            .query(String.class).single();
    }

    private String submit(String summary) {
        var response = api.post(url("/api/v1/referrals"), token(SENDER), Map.of("toAgency", RECEIVER,
            "subject", Map.of("ref", "p-" + UUID.randomUUID().toString().substring(0, 8), "protectedIdentity", false),
            "urgency", "URGENT", "concerns", List.of("THREATS"),
            "legalBasis", Map.of("type", "STATUTORY", "provisionCode", "OSL_10_2"), "summary", summary));
        assertThat(response.status()).as(response.body().toString()).isEqualTo(201);
        return response.body().get("id").asText();
    }

    private String url(String path) {
        return "http://localhost:" + port + path;
    }

    private static String token(String agency) {
        return SharedInfrastructure.get().tokenIssuer().issue("u-rotation", agency, Set.of("CASEWORKER"));
    }

    /** The key the test configuration adds as {@code key-2}. */
    static final class SharedKeys {
        static final String KEY_2 = "a2V5LXR3by1mb3ItdGhlLXJvdGF0aW9uLXRlc3RzLTA=";
    }
}
