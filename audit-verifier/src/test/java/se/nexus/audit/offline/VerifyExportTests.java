package se.nexus.audit.offline;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class VerifyExportTests {

    @TempDir
    Path dir;

    private final ExportFiles exports = ExportFiles.withFreshKey();
    private final ByteArrayOutputStream output = new ByteArrayOutputStream();

    @Test
    void anIntactExportIsValid() throws IOException {
        Path file = exports.write(dir, 5, 4);
        assertThat(run(file.toString())).isZero();
        assertThat(printed()).contains("VALID: 5 entries", "1 signed checkpoints verified");
    }

    @Test
    void anIntactExportIsValidAgainstThePinnedKey() throws IOException {
        Path file = exports.write(dir, 3, 3);
        assertThat(run(file.toString(), "--public-key", exports.publicKey())).isZero();
    }

    @Test
    void oneChangedCharacterIsReportedAtItsPosition() throws IOException {
        Path file = exports.write(dir, 5, 5);
        replaceInLine(file, 2, "\"r-3\"", "\"r-8\"");
        assertThat(run(file.toString())).isEqualTo(1);
        assertThat(printed()).contains("INVALID: first broken link at position 3: hash mismatch");
    }

    @Test
    void aRemovedEntryIsReportedAsAGap() throws IOException {
        Path file = exports.write(dir, 5, 5);
        List<String> lines = Files.readAllLines(file);
        lines.remove(1);
        Files.write(file, lines);
        assertThat(run(file.toString())).isEqualTo(1);
        assertThat(printed()).contains("position 2: gap in positions");
    }

    @Test
    void aTruncatedExportFailsItsCheckpoint() throws IOException {
        Path file = exports.write(dir, 5, 5);
        List<String> lines = Files.readAllLines(file);
        lines.remove(4);
        Files.write(file, lines);
        assertThat(run(file.toString())).isEqualTo(1);
        assertThat(printed()).contains("checkpoint 1 at length 5: covers entries missing from the log");
    }

    @Test
    void aCheckpointSignedByAnotherKeyThanThePinnedOneFails() throws IOException {
        Path file = exports.write(dir, 2, 2);
        assertThat(run(file.toString(), "--public-key", ExportFiles.withFreshKey().publicKey())).isEqualTo(1);
        assertThat(printed()).contains("signed with an untrusted key");
    }

    @Test
    void aMalformedLineIsInvalid() throws IOException {
        Path file = exports.write(dir, 2, 2);
        replaceInLine(file, 0, "\"kind\":\"entry\"", "\"kind\":\"entry");
        assertThat(run(file.toString())).isEqualTo(1);
        assertThat(printed()).contains("malformed");
    }

    @Test
    void wrongArgumentsPrintUsage() {
        assertThat(run()).isEqualTo(2);
        assertThat(printed()).contains("usage");
    }

    private int run(String... args) {
        return VerifyExport.run(args, new PrintStream(output, true, StandardCharsets.UTF_8));
    }

    private String printed() {
        return output.toString(StandardCharsets.UTF_8);
    }

    private static void replaceInLine(Path file, int index, String from, String to) throws IOException {
        List<String> lines = Files.readAllLines(file);
        assertThat(lines.get(index)).contains(from);
        lines.set(index, lines.get(index).replace(from, to));
        Files.write(file, lines);
    }
}
