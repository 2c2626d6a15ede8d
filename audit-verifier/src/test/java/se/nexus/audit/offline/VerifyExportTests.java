package se.nexus.audit.offline;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class VerifyExportTests {

    @TempDir
    Path dir;

    private final ByteArrayOutputStream output = new ByteArrayOutputStream();

    static List<ExportCase> cases() {
        return ExportCases.all();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void givesTheExpectedVerdict(ExportCase export) throws IOException {
        int exit = run(export.arguments(dir).toArray(String[]::new));
        assertThat(printed()).contains(export.printed());
        assertThat(exit).as(printed()).isEqualTo(export.exit());
    }

    @Test
    void saysWhenItTrustsTheKeyInsideTheExport() throws IOException {
        run(ExportCases.all().get(1).arguments(dir).toArray(String[]::new));
        assertThat(printed()).contains("Note: trusting the public key inside the export");
    }

    @Test
    void anInvalidExportIsNeverAlsoCalledValid() throws IOException {
        for (ExportCase export : ExportCases.all()) {
            output.reset();
            if (run(export.arguments(dir).toArray(String[]::new)) == VerifyExport.INVALID) {
                assertThat(printed().lines()).as(export.name()).anyMatch(line -> line.startsWith("INVALID: "))
                    .noneMatch(line -> line.startsWith("VALID"));
            }
        }
    }

    @Test
    void helpListsTheExitCodesAndExitsZero() {
        assertThat(run("--help")).isZero();
        assertThat(printed()).contains("usage: java -jar audit-verifier.jar", "--allow-unsigned",
            "0  VALID", "1  INVALID", "2  wrong usage");
    }

    @Test
    void wrongArgumentsPrintUsage() {
        assertThat(run()).isEqualTo(VerifyExport.USAGE);
        assertThat(run("a.jsonl", "b.jsonl")).isEqualTo(VerifyExport.USAGE);
        assertThat(run("a.jsonl", "--public-key")).isEqualTo(VerifyExport.USAGE);
        assertThat(run("a.jsonl", "--pubkey", "x")).isEqualTo(VerifyExport.USAGE);
        assertThat(printed()).contains("usage:");
    }

    private int run(String... args) {
        return VerifyExport.run(args, new PrintStream(output, true, StandardCharsets.UTF_8));
    }

    private String printed() {
        return output.toString(StandardCharsets.UTF_8);
    }
}
