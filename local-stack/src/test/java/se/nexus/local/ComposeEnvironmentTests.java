package se.nexus.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.kafka.common.acl.AccessControlEntry;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourcePattern;
import org.apache.kafka.common.resource.ResourceType;
import org.apache.kafka.common.utils.SecurityUtils;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

import se.nexus.infrastructure.KafkaAccess;

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
    /** A variable compose refuses to start without ({@code ${NAME:?message}}): no default to fall back on. */
    static final Function<String, String> REQUIRED = name -> "\\$\\{" + name + ":\\?[^}]+}";

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

    /**
     * Compose's broker gets the same topics and grants as the local stack's and the tests' (KafkaAccess), plus the
     * schema registry's own (compose's registry keeps its schemas in Kafka); each service connects as itself.
     */
    @Test
    @SuppressWarnings("unchecked")
    void composeGrantsOnKafkaAreTheTableOfTheLocalStackAndEachServiceIsItself() throws IOException {
        Set<AclBinding> granted = new HashSet<>();
        Set<String> registry = new HashSet<>();
        for (String line : lines("deploy/kafka/acls.txt")) {
            String[] field = line.split("\\s+");
            if (field[0].equals("schema-registry")) {
                registry.add(line);
                continue;
            }
            granted.add(new AclBinding(new ResourcePattern(ResourceType.fromString(field[1]), field[3],
                    PatternType.fromString(field[2])), new AccessControlEntry("User:" + field[0], "*",
                    SecurityUtils.operation(field[4]), AclPermissionType.ALLOW)));
        }
        assertThat(granted).containsExactlyInAnyOrderElementsOf(KafkaAccess.acls());
        assertThat(registry).isNotEmpty();
        assertThat(lines("deploy/kafka/topics.txt").stream().map(line -> line.split("\\s+")[0]))
            .containsAll(KafkaAccess.topicsToCreate());

        Map<String, Object> compose = new Yaml().load(Files.readString(ROOT.resolve("docker-compose.yml")));
        Map<String, Map<String, Object>> services = (Map<String, Map<String, Object>>) compose.get("services");
        for (String service : List.of(KafkaAccess.REFERRAL_SERVICE, KafkaAccess.NOTIFICATION_SERVICE,
                KafkaAccess.AUDIT_SERVICE)) {
            Map<String, Object> environment = (Map<String, Object>) services.get(service).get("environment");
            assertThat(environment).as(service).containsEntry("NEXUS_KAFKA_SECURITY_PROTOCOL", "SSL")
                .containsEntry("NEXUS_KAFKA_KEYSTORE", "/etc/nexus/kafka/" + service + ".pem");
            assertThat((List<String>) services.get(service).get("volumes")).as(service + " mounts its own key only")
                .filteredOn(volume -> volume.endsWith(".pem:ro"))
                .containsExactly("${NEXUS_KAFKA_TLS_DIR:-./kafka-tls}/" + service + ".pem:/etc/nexus/kafka/" + service
                    + ".pem:ro");
        }
        Map<String, Object> kafka = (Map<String, Object>) services.get("kafka").get("environment");
        assertThat(kafka).containsEntry("KAFKA_SSL_CLIENT_AUTH", "required")
            .containsEntry("KAFKA_ALLOW_EVERYONE_IF_NO_ACL_FOUND", "false")
            .containsEntry("KAFKA_SUPER_USERS", "User:" + KafkaAccess.BROKER);
        assertThat(kafka.get("KAFKA_LISTENER_SECURITY_PROTOCOL_MAP").toString()).doesNotContain("PLAINTEXT");
    }

    /**
     * Compose has no identity provider of its own and no default one: it will not start until the operator names
     * theirs, so it never trusts the local stack's demo provider, whose secret and password are published.
     */
    @Test
    @SuppressWarnings("unchecked")
    void composeRequiresTheOperatorsIdentityProviderAndKnowsNoDemoCredentials() throws IOException {
        Map<String, Object> compose = new Yaml().load(Files.readString(ROOT.resolve("docker-compose.yml")));
        Map<String, Map<String, Object>> services = (Map<String, Map<String, Object>>) compose.get("services");
        for (String service : List.of("referral-service", "notification-service", "audit-service", "console")) {
            Map<String, Object> environment = (Map<String, Object>) services.get(service).get("environment");
            assertThat(String.valueOf(environment.get("NEXUS_JWT_ISSUER_URI"))).as(service)
                .matches(REQUIRED.apply("NEXUS_JWT_ISSUER_URI"));
            if (!service.equals("console")) {
                assertThat(String.valueOf(environment.get("NEXUS_JWK_SET_URI"))).as(service)
                    .matches(REQUIRED.apply("NEXUS_JWK_SET_URI"));
            }
        }
        for (Map.Entry<String, Map<String, Object>> service : services.entrySet()) {
            Object environment = service.getValue().getOrDefault("environment", Map.of());
            assertThat(String.valueOf(environment)).as(service.getKey())
                .doesNotContain("demo-secret", "demo-password", "host.docker.internal", "localhost:8090");
        }
    }

    private static List<String> lines(String file) throws IOException {
        return Files.readAllLines(ROOT.resolve(file)).stream().map(String::strip)
            .filter(line -> !line.isEmpty() && !line.startsWith("#")).toList();
    }

    /** Examples in comments are not configuration the service reads. */
    static String withoutComments(String yaml) {
        return yaml.lines().filter(line -> !line.strip().startsWith("#")).reduce("", (a, b) -> a + b + "\n");
    }
}
