package se.nexus.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/**
 * Reads docker-compose.yml and each service's application.yml, without starting anything: every variable
 * the compose file sets on a service is one that service's configuration reads, and the service reads no
 * NEXUS_ variable the compose file leaves unset without a local default.
 */
class ComposeEnvironmentTests {

    static final Path ROOT = Path.of(System.getProperty("nexus.project.root", "..")).toAbsolutePath().normalize();
    /** Spring Boot's own settings: structured JSON logs in containers (plain text elsewhere), the collector for spans. */
    static final Set<String> BOOT_SETTINGS = Set.of("LOGGING_STRUCTURED_FORMAT_CONSOLE",
        "MANAGEMENT_OPENTELEMETRY_TRACING_EXPORT_OTLP_ENDPOINT");
    static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{(NEXUS_[A-Z_]+)(:?)");

    @Test
    @SuppressWarnings("unchecked")
    void eachServiceAcceptsExactlyTheVariablesComposeSets() throws IOException {
        Map<String, Object> compose = new Yaml().load(Files.readString(ROOT.resolve("docker-compose.yml")));
        Map<String, Map<String, Object>> services = (Map<String, Map<String, Object>>) compose.get("services");
        for (String service : Set.of("referral-service", "notification-service", "audit-service", "console")) {
            Set<String> set = new TreeSet<>(((Map<String, Object>) services.get(service).get("environment")).keySet());
            // Spring Boot's own settings, read through relaxed binding rather than a placeholder.
            assertThat(set).as(service).allMatch(name -> name.startsWith("NEXUS_") || BOOT_SETTINGS.contains(name));
            set.removeAll(BOOT_SETTINGS);
            String configuration = withoutComments(
                Files.readString(ROOT.resolve(service).resolve("src/main/resources/application.yml")));
            Set<String> read = new TreeSet<>();
            Set<String> requiredWithoutDefault = new TreeSet<>();
            Matcher matcher = PLACEHOLDER.matcher(configuration);
            while (matcher.find()) {
                read.add(matcher.group(1));
                if (matcher.group(2).isEmpty()) {
                    requiredWithoutDefault.add(matcher.group(1));
                }
            }
            assertThat(read).as(service + " reads every variable compose sets").containsAll(set);
            assertThat(set).as(service + " gets every variable it needs").containsAll(requiredWithoutDefault);
            assertThat(services.get(service)).as(service).containsKeys("healthcheck", "depends_on", "build");
        }
    }

    /** Examples in comments are not configuration the service reads. */
    static String withoutComments(String yaml) {
        return yaml.lines().filter(line -> !line.strip().startsWith("#")).reduce("", (a, b) -> a + b + "\n");
    }
}
