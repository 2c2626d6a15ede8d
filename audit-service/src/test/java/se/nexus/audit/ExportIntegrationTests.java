package se.nexus.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

import se.nexus.audit.offline.VerifyExport;
import se.nexus.support.test.NexusIntegrationTest;

@NexusIntegrationTest
class ExportIntegrationTests {

    /** The second, independent verifier, beside the Java one in the audit-verifier module. */
    private static final Path PYTHON_VERIFIER = Path.of("../audit-verifier/src/test/python/verify_export.py");

    @LocalServerPort
    int port;

    @TempDir
    Path dir;

    private final ByteArrayOutputStream output = new ByteArrayOutputStream();

    @Test
    void aCheckpointIsSignedOnDemandListedAndVerified() {
        var created = api().post("/api/v1/audit/checkpoints", AuditApi.auditorToken());
        assertThat(created.statusCode()).isEqualTo(201);
        JsonNode checkpoint = AuditApi.parse(created.body());
        assertThat(checkpoint.get("algorithm").asString()).isEqualTo("Ed25519");

        JsonNode listed = api().getJson("/api/v1/audit/checkpoints");
        assertThat(listed.get("items").get(listed.get("items").size() - 1).get("id").asLong())
            .isEqualTo(checkpoint.get("id").asLong());
        JsonNode verification = api().verify();
        assertThat(verification.get("checkpoints").get("valid").asBoolean()).isTrue();
        assertThat(verification.get("checkpoints").get("count").asInt()).isGreaterThanOrEqualTo(1);
        assertThat(verification.get("valid").asBoolean()).isTrue();
    }

    @Test
    void anExportVerifiesOfflineAgainstThePinnedPublicKey() {
        String publicKey = withEventsAndACheckpoint();
        Path export = api().exportTo(dir.resolve("export.jsonl"));

        assertThat(VerifyExport.run(new String[] {export.toString(), "--public-key", publicKey}, out())).isZero();
        assertThat(printed()).contains("VALID:", "signed checkpoints verified");
    }

    @Test
    void aTamperedExportFailsOfflineVerificationAtTheChangedEntry() throws IOException {
        String publicKey = withEventsAndACheckpoint();
        Path export = api().exportTo(dir.resolve("export.jsonl"));
        List<String> lines = Files.readAllLines(export);
        String line = lines.get(1);
        long position = AuditApi.parse(line).get("position").asLong();
        lines.set(1, line.replace("\"appendedAt\":", "\"appendedAt\":1"));
        Files.write(export, lines);

        assertThat(VerifyExport.run(new String[] {export.toString(), "--public-key", publicKey}, out())).isEqualTo(1);
        assertThat(printed()).contains("INVALID: first broken link at position " + position + ": hash mismatch");
    }

    @Test
    void aRealExportCutShortOrAppendedToFailsOfflineVerification() throws IOException {
        String publicKey = withEventsAndACheckpoint();
        List<String> lines = Files.readAllLines(api().exportTo(dir.resolve("export.jsonl")));
        int entries = (int) lines.stream().filter(line -> line.startsWith("{\"kind\":\"entry\"")).count();

        assertThat(verify(lines.subList(0, entries), publicKey)).isEqualTo(VerifyExport.INVALID);
        assertThat(verify(lines.subList(0, lines.size() - 1), publicKey)).isEqualTo(VerifyExport.INVALID);
        List<String> appended = new ArrayList<>(lines);
        appended.add(lines.get(entries - 1));
        assertThat(verify(appended, publicKey)).isEqualTo(VerifyExport.INVALID);
        assertThat(printed()).contains("no public key line", "comes after the public key line");
    }

    @Test
    void thePythonVerifierAcceptsARealExportToo() throws IOException, InterruptedException {
        assumeTrue(Files.isRegularFile(PYTHON_VERIFIER), "the Python verifier is not at " + PYTHON_VERIFIER);
        String publicKey = withEventsAndACheckpoint();
        Path export = api().exportTo(dir.resolve("export.jsonl"));
        Process python = start("python3", PYTHON_VERIFIER.toString(), export.toString(), "--public-key", publicKey);
        String said = new String(python.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(python.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(python.exitValue()).as(said).isZero();
    }

    @Test
    void theExportEndsWithCheckpointsAndThePublicKey() throws IOException {
        String publicKey = withEventsAndACheckpoint();
        List<String> lines = Files.readAllLines(api().exportTo(dir.resolve("export.jsonl")));
        JsonNode last = AuditApi.parse(lines.get(lines.size() - 1));
        assertThat(last.get("kind").asString()).isEqualTo("publicKey");
        assertThat(last.get("publicKey").asString()).isEqualTo(publicKey);
        assertThat(AuditApi.parse(lines.get(lines.size() - 2)).get("kind").asString()).isEqualTo("checkpoint");
        assertThat(AuditApi.parse(lines.get(0)).get("kind").asString()).isEqualTo("entry");
    }

    /** Returns the public key that signs checkpoints. */
    private String withEventsAndACheckpoint() {
        try (TestEvents events = new TestEvents()) {
            String referralId = UUID.randomUUID().toString();
            events.publish(referralId, TestEvents.referralSubmitted(referralId, "p-export"));
            await().atMost(Duration.ofSeconds(60))
                .until(() -> api().getJson("/api/v1/audit/entries?referralId=" + referralId).get("total").asLong() == 1);
        }
        assertThat(api().post("/api/v1/audit/checkpoints", AuditApi.auditorToken()).statusCode()).isEqualTo(201);
        return api().getJson("/api/v1/audit/checkpoints").get("publicKey").asString();
    }

    private static Process start(String... command) {
        try {
            return new ProcessBuilder(command).redirectErrorStream(true).start();
        } catch (IOException e) {
            return Assumptions.abort("python3 is not on the PATH: " + e.getMessage());
        }
    }

    private int verify(List<String> lines, String publicKey) throws IOException {
        Path export = Files.write(dir.resolve("changed.jsonl"), lines);
        return VerifyExport.run(new String[] {export.toString(), "--public-key", publicKey}, out());
    }

    private PrintStream out() {
        return new PrintStream(output, true, StandardCharsets.UTF_8);
    }

    private String printed() {
        return output.toString(StandardCharsets.UTF_8);
    }

    private AuditApi api() {
        return new AuditApi(port);
    }
}
