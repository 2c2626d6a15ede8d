package se.nexus.audit.offline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Runs the Python verifier, written from the README alone, on every test export and requires the same verdict as
 * the Java one: two implementations that agree show that the README is enough to write a third.
 */
class PythonVerifierAgreementTests {

    /** Relative to the module, where Maven runs the tests. */
    static final Path SCRIPT = Path.of("src/test/python/verify_export.py");

    @TempDir
    Path dir;

    @BeforeAll
    static void needsPython() {
        assumeTrue(pythonAvailable(), "python3 is not on the PATH: the Python verifier is not compared");
    }

    static List<ExportCase> cases() {
        return ExportCases.all();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void bothVerifiersGiveTheSameVerdict(ExportCase export) throws IOException, InterruptedException {
        List<String> arguments = export.arguments(dir);
        ByteArrayOutputStream javaOutput = new ByteArrayOutputStream();
        int java = VerifyExport.run(arguments.toArray(String[]::new),
            new PrintStream(javaOutput, true, StandardCharsets.UTF_8));
        Run python = python(arguments);
        assertThat(python.exit()).as("Python said: %s%nJava said: %s", python.output(),
            javaOutput.toString(StandardCharsets.UTF_8)).isEqualTo(java).isEqualTo(export.exit());
    }

    private record Run(int exit, String output) {
    }

    private static Run python(List<String> arguments) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("python3", SCRIPT.toString()));
        command.addAll(arguments);
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IllegalStateException("the Python verifier did not finish");
        }
        return new Run(process.exitValue(), output);
    }

    private static boolean pythonAvailable() {
        try {
            Process process = new ProcessBuilder("python3", "--version").redirectErrorStream(true).start();
            process.getInputStream().readAllBytes();
            return process.waitFor(30, TimeUnit.SECONDS) && process.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
