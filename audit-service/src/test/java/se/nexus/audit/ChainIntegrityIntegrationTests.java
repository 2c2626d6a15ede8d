package se.nexus.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

import se.nexus.support.test.NexusIntegrationTest;

/** Insiders with database access: what the runtime role cannot do, and what verification finds when the owner does it. */
@NexusIntegrationTest
class ChainIntegrityIntegrationTests {

    private static final TestEvents events = TestEvents.shared();

    @LocalServerPort
    int port;

    @Value("${spring.datasource.username}")
    String runtimeRole;

    @Value("${spring.datasource.password}")
    String runtimePassword;

    @BeforeEach
    void aFewEntriesInAnIntactChain() {
        for (int i = 0; i < 3; i++) {
            String referralId = UUID.randomUUID().toString();
            events.publish(referralId, TestEvents.referralSubmitted(referralId, "p-integrity"));
        }
        await().atMost(Duration.ofSeconds(60)).until(() -> api().verify().get("length").asLong() >= 4);
        assertThat(api().verify().get("valid").asBoolean()).isTrue();
    }

    @Test
    void theRuntimeRoleCanReadButNeitherUpdateNorDeleteNorTruncate() throws SQLException {
        try (Connection runtime = DriverManager.getConnection(OwnerDatabase.database().jdbcUrl(), runtimeRole, runtimePassword);
                Statement statement = runtime.createStatement()) {
            assertThat(statement.executeQuery("SELECT count(*) FROM audit_entries").next()).isTrue();
            assertThatThrownBy(() -> statement.executeUpdate("UPDATE audit_entries SET referral_id = 'x'"))
                .hasMessageContaining("permission denied");
            assertThatThrownBy(() -> statement.executeUpdate("DELETE FROM audit_entries"))
                .hasMessageContaining("permission denied");
            assertThatThrownBy(() -> statement.executeUpdate("TRUNCATE audit_entries"))
                .hasMessageContaining("permission denied");
            assertThatThrownBy(() -> statement.executeUpdate("UPDATE audit_checkpoints SET length = 0"))
                .hasMessageContaining("permission denied");
            assertThatThrownBy(() -> statement.executeUpdate("DELETE FROM audit_checkpoints"))
                .hasMessageContaining("permission denied");
        }
    }

    @Test
    void oneChangedByteInAStoredEntryIsReportedAtExactlyThatPosition() throws SQLException {
        long position = api().verify().get("length").asLong() - 1;
        try (Connection owner = OwnerDatabase.connect(); Statement statement = owner.createStatement()) {
            statement.execute("CREATE TEMP TABLE original AS SELECT * FROM audit_entries WHERE position = " + position);
            statement.executeUpdate("UPDATE audit_entries SET appended_at = appended_at + interval '1 millisecond' "
                + "WHERE position = " + position);
            try {
                JsonNode verification = api().verify();
                assertThat(verification.get("valid").asBoolean()).isFalse();
                assertThat(verification.get("firstBrokenPosition").asLong()).isEqualTo(position);
                assertThat(verification.get("reason").asString()).isEqualTo("hash mismatch");
                assertThat(verification.get("verifiedLength").asLong()).isEqualTo(position - 1);
            } finally {
                statement.executeUpdate("UPDATE audit_entries e SET appended_at = o.appended_at FROM original o "
                    + "WHERE e.position = o.position");
            }
        }
        assertThat(api().verify().get("valid").asBoolean()).isTrue();
    }

    @Test
    void aChangedTextFieldIsReportedToo() throws SQLException {
        long position = api().verify().get("length").asLong() - 2;
        try (Connection owner = OwnerDatabase.connect(); Statement statement = owner.createStatement()) {
            statement.execute("CREATE TEMP TABLE original AS SELECT * FROM audit_entries WHERE position = " + position);
            // One byte of the event type: its first letter, s -> S.
            statement.executeUpdate("UPDATE audit_entries SET event_type = 'S' || substr(event_type, 2) WHERE position = " + position);
            try {
                JsonNode verification = api().verify();
                assertThat(verification.get("firstBrokenPosition").asLong()).isEqualTo(position);
                assertThat(verification.get("reason").asString()).isEqualTo("hash mismatch");
            } finally {
                statement.executeUpdate("UPDATE audit_entries e SET event_type = o.event_type FROM original o "
                    + "WHERE e.position = o.position");
            }
        }
        assertThat(api().verify().get("valid").asBoolean()).isTrue();
    }

    @Test
    void anEntryDeletedBySuperuserIsReportedAsAGap() throws SQLException {
        long position = api().verify().get("length").asLong() - 1;
        try (Connection owner = OwnerDatabase.connect(); Statement statement = owner.createStatement()) {
            statement.execute("CREATE TEMP TABLE original AS SELECT * FROM audit_entries WHERE position = " + position);
            statement.executeUpdate("DELETE FROM audit_entries WHERE position = " + position);
            try {
                JsonNode verification = api().verify();
                assertThat(verification.get("valid").asBoolean()).isFalse();
                assertThat(verification.get("firstBrokenPosition").asLong()).isEqualTo(position);
                assertThat(verification.get("reason").asString()).isEqualTo("gap in positions");
            } finally {
                statement.executeUpdate("INSERT INTO audit_entries SELECT * FROM original");
            }
        }
        assertThat(api().verify().get("valid").asBoolean()).isTrue();
    }

    private AuditApi api() {
        return new AuditApi(port);
    }
}
