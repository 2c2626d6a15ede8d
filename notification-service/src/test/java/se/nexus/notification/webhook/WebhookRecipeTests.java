package se.nexus.notification.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs the README's webhook verification recipes exactly as written against deliveries signed by the
 * service's own {@link WebhookSignature}: each must accept a fresh delivery and refuse a tampered body
 * and a stale timestamp, so the README cannot drift from the signature scheme.
 */
class WebhookRecipeTests {

    static final String SECTION = "### Webhooks to agencies' systems";
    static final String SECRET = "agency-secret-7f3a";
    /** Not ASCII on purpose: a recipe that decodes and re-encodes the body, or counts characters, shows here. */
    static final String BODY = "{\"deliveryId\":\"d-1\",\"type\":\"NOTIFIED\",\"agency\":\"se.uppsala.socialtjänst\",\"note\":\"å ä ö €\"}";
    static final String TAMPERED = BODY.replace("NOTIFIED", "ESCALATED");

    @TempDir
    Path dir;

    /** A delivery as the service would send it: the headers and the raw body bytes. */
    record Delivery(String timestamp, String signature, byte[] body) {

        static Delivery signedAt(long epochSecond, String body) {
            return new Delivery(Long.toString(epochSecond), WebhookSignature.sign(SECRET, epochSecond, body),
                    body.getBytes(StandardCharsets.UTF_8));
        }

        Delivery withBody(String other) {
            return new Delivery(timestamp, signature, other.getBytes(StandardCharsets.UTF_8));
        }
    }

    static Delivery fresh() {
        return Delivery.signedAt(Instant.now().getEpochSecond(), BODY);
    }

    /** Correctly signed, but outside the documented 300-second window. */
    static Delivery stale() {
        return Delivery.signedAt(Instant.now().getEpochSecond() - 301 - 5, BODY);
    }

    @Test
    void theShellRecipeAcceptsAFreshDeliveryAndRefusesATamperedOrStaleOne() throws Exception {
        assumeTrue(onPath("bash") && onPath("openssl"), "bash and openssl are needed to run the shell recipe");
        Path script = dir.resolve("verify.sh");
        Files.writeString(script, recipe("bash", "verify_delivery()") + "\nverify_delivery \"$@\"\n");

        assertThat(runShell(script, fresh()).exitCode()).as("fresh").isZero();
        assertThat(runShell(script, fresh().withBody(TAMPERED))).as("tampered")
            .satisfies(run -> assertThat(run.exitCode()).isNotZero())
            .satisfies(run -> assertThat(run.output()).contains("INVALID"));
        assertThat(runShell(script, stale())).as("stale")
            .satisfies(run -> assertThat(run.exitCode()).isNotZero())
            .satisfies(run -> assertThat(run.output()).contains("STALE"));
    }

    @Test
    void theShellTrialRunsAsWrittenAndShowsWhatItsCommentsSay() throws Exception {
        assumeTrue(onPath("bash") && onPath("openssl"), "bash and openssl are needed to run the shell recipe");
        Path script = dir.resolve("try.sh");
        Files.writeString(script, recipe("bash", "verify_delivery()") + "\n" + recipe("bash", "tampered.json"));

        Run run = run(List.of("bash", script.toString()));

        assertThat(run.output().lines().toList()).hasSize(3).satisfiesExactly(
                line -> assertThat(line).isEqualTo("signature valid"),
                line -> assertThat(line).isEqualTo("signature INVALID"),
                line -> assertThat(line).startsWith("STALE timestamp"));
    }

    @Test
    void thePythonRecipeAcceptsAFreshDeliveryAndRefusesATamperedOrStaleOne() throws Exception {
        assumeTrue(onPath("python3"), "python3 is needed to run the Python recipe");
        Path script = dir.resolve("verify.py");
        Files.writeString(script, recipe("python", "def verify(") + """

                import sys
                with open(sys.argv[4], "rb") as f:
                    sys.exit(0 if verify(sys.argv[1].encode(), sys.argv[2], f.read(), sys.argv[3]) else 1)
                """);

        assertThat(runPython(script, fresh()).exitCode()).as("fresh").isZero();
        assertThat(runPython(script, fresh().withBody(TAMPERED)).exitCode()).as("tampered").isEqualTo(1);
        assertThat(runPython(script, stale()).exitCode()).as("stale").isEqualTo(1);
    }

    @Test
    void theJavaRecipeAcceptsAFreshDeliveryAndRefusesATamperedOrStaleOne() throws Exception {
        JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
        assumeTrue(compiler != null, "a JDK (not a JRE) is needed to compile the Java recipe");
        String source = recipe("java", "verify(byte[]");
        Matcher className = Pattern.compile("public final class (\\w+)").matcher(source);
        assertThat(className.find()).as("the Java recipe is one public class").isTrue();
        Path sourceFile = dir.resolve(className.group(1) + ".java");
        Files.writeString(sourceFile, source);
        assertThat(compiler.run(null, null, null, "-d", dir.toString(), sourceFile.toString()))
            .as("the Java recipe compiles as written").isZero();

        try (URLClassLoader loader = new URLClassLoader(new URL[] {dir.toUri().toURL()}, null)) {
            Method verify = loader.loadClass(className.group(1))
                .getMethod("verify", byte[].class, String.class, byte[].class, String.class);

            assertThat(invoke(verify, fresh())).as("fresh").isTrue();
            assertThat(invoke(verify, fresh().withBody(TAMPERED))).as("tampered").isFalse();
            assertThat(invoke(verify, stale())).as("stale").isFalse();
        }
    }

    static boolean invoke(Method verify, Delivery delivery) throws ReflectiveOperationException {
        try {
            return (Boolean) verify.invoke(null, SECRET.getBytes(StandardCharsets.UTF_8), delivery.timestamp(),
                    delivery.body(), delivery.signature());
        } catch (InvocationTargetException e) {
            throw new AssertionError("The Java recipe threw", e.getCause());
        }
    }

    Run runShell(Path script, Delivery delivery) throws IOException, InterruptedException {
        return run(List.of("bash", script.toString(), SECRET, delivery.timestamp(), delivery.signature(),
                bodyFile(delivery).toString()));
    }

    Run runPython(Path script, Delivery delivery) throws IOException, InterruptedException {
        return run(List.of("python3", script.toString(), SECRET, delivery.timestamp(), delivery.signature(),
                bodyFile(delivery).toString()));
    }

    Path bodyFile(Delivery delivery) throws IOException {
        return Files.write(Files.createTempFile(dir, "body", ".json"), delivery.body());
    }

    record Run(int exitCode, String output) {
    }

    Run run(List<String> command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
        // Bounded, so a recipe that waits on stdin fails the test instead of hanging the build.
        process.getOutputStream().close();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError(command + " did not finish within 30 s");
        }
        return new Run(process.exitValue(), new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
    }

    static boolean onPath(String program) {
        String path = System.getenv("PATH");
        return path != null && List.of(path.split(java.io.File.pathSeparator)).stream()
            .anyMatch(entry -> Files.isExecutable(Path.of(entry, program)));
    }

    /** The one code block of the webhook section in that language that contains the marker. */
    static String recipe(String language, String marker) throws IOException {
        List<String> found = new ArrayList<>();
        Matcher block = Pattern.compile("(?ms)^```" + language + "\\n(.*?)^```$").matcher(webhookSection());
        while (block.find()) {
            if (block.group(1).contains(marker)) {
                found.add(block.group(1));
            }
        }
        assertThat(found).as("README blocks of " + language + " containing " + marker).hasSize(1);
        return found.get(0);
    }

    static String webhookSection() throws IOException {
        String readme = Files.readString(readme());
        int start = readme.indexOf(SECTION);
        assertThat(start).as("README section " + SECTION).isNotNegative();
        int end = readme.indexOf("\n## ", start);
        return end < 0 ? readme.substring(start) : readme.substring(start, end);
    }

    static Path readme() {
        // Surefire runs in the module's folder; the README is the repository's.
        Path here = Path.of("").toAbsolutePath();
        for (Path dir = here; dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve("README.md")) && Files.isRegularFile(dir.resolve("notification-service/pom.xml"))) {
                return dir.resolve("README.md");
            }
        }
        throw new AssertionError("No repository README.md above " + here);
    }
}
