package se.nexus.endtoend;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import se.nexus.local.LocalPlatform;

/**
 * Runs the README's walkthrough ("A whole case with curl") with bash exactly as written, only its ports moved to
 * a platform started on free ports, and checks that each agency sees what the README says it sees.
 */
class ReadmeWalkthroughEndToEndTests {

    static final String SECTION = "## A whole case with curl";
    static final String MAIL_SECTION = "### E-mail alerts";
    static final String WITHOUT_SECRET_SECTION = "### A token without the shared secret";
    static final Pattern JWT = Pattern.compile("^eyJ[\\w-]+\\.[\\w-]+\\.[\\w-]+$", Pattern.MULTILINE);
    static final Pattern UUID = Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");

    static Path data;
    static LocalPlatform platform;

    @BeforeAll
    static void startPlatform() {
        // Checked before the platform starts, so a machine without them skips in a second, not a minute.
        assumeTrue(onPath("bash") && onPath("curl") && onPath("sed") && onPath("grep"),
                "the walkthrough needs bash, curl, sed and grep");
        platform = SharedPlatform.get();
        data = SharedPlatform.workFolder("walkthrough");
    }

    @Test
    void theWalkthroughRunsAsWrittenAndEachAgencySeesWhatTheReadmeSays() throws Exception {
        String output = run("walkthrough", String.join("\n", blocks(SECTION)));

        Matcher referralLine = Pattern.compile("^referral (\\S+)$", Pattern.MULTILINE).matcher(output);
        assertThat(referralLine.find()).as("the referral's id is printed").isTrue();
        String referral = referralLine.group(1);
        assertThat(referral).matches(UUID);

        List<String> lines = output.lines().toList();
        // Step 3: the resource centre's coordinator has the referral's notification.
        assertThat(output).contains("\"referralId\":\"" + referral + "\"").contains("\"eventType\":\"REFERRAL_SUBMITTED\"");
        // Step 6: the police closed the case.
        assertThat(output).contains("\"status\":\"CLOSED\"");
        // Step 7: what each agency was told, in the README's order.
        assertThat(section(lines, "social services:", "police:")).contains("\"eventType\":\"REFERRAL_ACCEPTED\"");
        assertThat(section(lines, "police:", "resource centre:")).containsExactly("\"eventType\":\"HANDOVER_REQUESTED\"");
        assertThat(section(lines, "resource centre:", "404")).contains("\"eventType\":\"REFERRAL_SUBMITTED\"",
                "\"eventType\":\"HANDOVER_ACCEPTED\"");
        // The uninvolved agency's 404, then the auditor's view and a chain that verifies.
        List<String> afterNotFound = lines.subList(lines.indexOf("404") + 1, lines.size());
        assertThat(afterNotFound).anySatisfy(line -> assertThat(line).endsWith(".ReferralSubmitted\""))
            .anySatisfy(line -> assertThat(line).endsWith(".ReferralClosed\""));
        assertThat(afterNotFound.get(afterNotFound.size() - 1)).contains("\"valid\":true");
        // The person's extract: the changes, each agency's reads (here of their notifications) and the refused read.
        assertThat(afterNotFound).anySatisfy(line -> assertThat(line)
                .endsWith("\"kind\":\"CHANGE\",\"eventType\":\"ReferralSubmitted\",\"agency\":\"se.uppsala.socialtjanst\""))
            .anySatisfy(line -> assertThat(line)
                .endsWith("\"kind\":\"READ\",\"eventType\":\"CaseAccessed\",\"agency\":\"se.uppsala.nexus\""))
            .anySatisfy(line -> assertThat(line)
                .endsWith("\"kind\":\"READ\",\"eventType\":\"CaseAccessed\",\"agency\":\"se.polisen.region-mitt\""))
            .anySatisfy(line -> assertThat(line)
                .endsWith("\"kind\":\"REFUSED\",\"eventType\":\"AccessRefused\",\"agency\":\"se.region-uppsala.vard\""));

        // Then the README's look into the resource centre's function mailbox: the walkthrough's alerts are there,
        // with nothing of the case in them.
        String mail = run("mailbox", String.join("\n", blocks(MAIL_SECTION)));
        assertThat(mail).containsPattern("\\* SEARCH( \\d+)+").contains("To: samordning@nexus.uppsala.example")
            .contains("X-Nexus-Delivery: ").contains("Subject: =?UTF-8?Q?Nexus:")
            .doesNotContain(referral).doesNotContain("p-7f3a9c");
    }

    /**
     * The README's two ways for an agency system to get a token without the shared secret, as written: its certificate
     * with curl on the identity provider's mutual-TLS port, and a JWT signed with its key by the JDK-only recipe.
     */
    @Test
    void theTokenRecipesWithoutTheSecretRunAsWritten() throws Exception {
        String mutualTlsBase = platform.mutualTlsTokenUri().replace("/oauth2/token", "");
        Path root = Path.of(System.getProperty("nexus.project.root", "..")).toAbsolutePath().normalize();
        String commands = String.join("\n", blocks(WITHOUT_SECRET_SECTION))
            .replace("https://localhost:8443", mutualTlsBase)
            .replace(".nexus-local/tls", platform.tlsDir().toString())
            .replace("java identity-provider/", "java " + root.resolve("identity-provider") + "/");

        String output = run("without-secret", commands);

        assertThat(JWT.matcher(output).results().count()).as("a token each way; output:\n" + output).isEqualTo(2);
    }

    /** Runs README commands with bash as written, only their ports moved, and returns what they printed. */
    private static String run(String name, String commands) throws Exception {
        Path script = data.resolve(name + ".sh");
        // errexit and pipefail only make a failing step fail the run; the steps themselves are the README's.
        Files.writeString(script, "set -eo pipefail\n" + onThisPlatform(commands));
        Path out = data.resolve(name + ".out");
        Process bash = new ProcessBuilder("bash", script.toString()).directory(data.toFile())
            .redirectOutput(out.toFile()).redirectErrorStream(true).start();
        bash.getOutputStream().close();
        // Bounded: each poll gives up after 30 s, so several minutes means something hangs.
        boolean finished = bash.waitFor(5, TimeUnit.MINUTES);
        if (!finished) {
            bash.destroyForcibly().waitFor();
        }
        String output = Files.readString(out, StandardCharsets.UTF_8);
        System.out.println(output);
        assertThat(finished).as(name + " finished within 5 minutes").isTrue();
        assertThat(bash.exitValue()).as("exit status of " + name + "; output:\n" + output).isZero();
        return output;
    }

    /** The lines strictly between the line {@code from} and the next line {@code to}. */
    static List<String> section(List<String> lines, String from, String to) {
        int start = lines.indexOf(from);
        assertThat(start).as("a line " + from).isNotNegative();
        int end = lines.subList(start + 1, lines.size()).indexOf(to);
        assertThat(end).as("a line " + to + " after " + from).isNotNegative();
        return lines.subList(start + 1, start + 1 + end);
    }

    /** The README's fixed local ports, moved to the ones this platform runs on. */
    static String onThisPlatform(String script) {
        Map<String, String> services = Map.of("8081", "referral-service", "8082", "notification-service", "8083",
                "audit-service");
        String moved = script.replace("http://localhost:8090", platform.issuerUri());
        for (var service : services.entrySet()) {
            moved = moved.replace("localhost:" + service.getKey(), platform.serviceUrl(service.getValue())
                .replace("http://", ""));
        }
        moved = moved.replace("localhost:3143", "localhost:" + platform.imapPort());
        assertThat(moved).as("every fixed port was moved").doesNotContainPattern(":(80(8[1-3]|90)|3143)\\b");
        return moved;
    }

    /** The bash blocks of a section of the repository's README.md, in order. */
    static List<String> blocks(String section) throws IOException {
        Path readme = Path.of(System.getProperty("nexus.project.root", "..")).resolve("README.md");
        String text = Files.readString(readme);
        int start = text.indexOf(section);
        assertThat(start).as("README section " + section).isNotNegative();
        // The walkthrough's comments start with "# ", so only a real heading matches "\n## " or "\n### ".
        int end = indexOfAny(text, start + section.length(), "\n## ", "\n### ");
        Matcher block = Pattern.compile("(?ms)^```bash\\n(.*?)^```$").matcher(text.substring(start, end));
        List<String> blocks = new ArrayList<>();
        while (block.find()) {
            blocks.add(block.group(1));
        }
        assertThat(blocks).as("bash blocks of " + section).isNotEmpty();
        return blocks;
    }

    static int indexOfAny(String text, int from, String... needles) {
        int found = text.length();
        for (String needle : needles) {
            int at = text.indexOf(needle, from);
            if (at >= 0) {
                found = Math.min(found, at);
            }
        }
        return found;
    }

    static boolean onPath(String program) {
        String path = System.getenv("PATH");
        return path != null && List.of(path.split(File.pathSeparator)).stream()
            .anyMatch(entry -> Files.isExecutable(Path.of(entry, program)));
    }
}
