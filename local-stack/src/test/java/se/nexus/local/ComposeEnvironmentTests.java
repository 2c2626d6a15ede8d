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
import org.junit.jupiter.api.io.TempDir;
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
     * Compose's broker gets the same topics and grants as the local stack's and the tests' (KafkaAccess), for the
     * agencies with topics of their own too, plus the schema registry's own (compose's registry keeps its schemas in
     * Kafka); each service connects as itself. kafka-setup.sh itself runs here, against stand-ins for Kafka's tools
     * that record what they were asked.
     */
    @Test
    @SuppressWarnings("unchecked")
    void composeGrantsOnKafkaAreTheTableOfTheLocalStackAndEachServiceIsItself(@TempDir Path tools) throws Exception {
        List<String> agencies = List.of("se.polisen.region-mitt", "se.uppsala.nexus");
        List<List<String>> calls = kafkaSetupCalls(tools, String.join(",", agencies));
        Set<AclBinding> granted = new HashSet<>();
        Set<String> registry = new HashSet<>();
        for (List<String> call : calls.stream().filter(call -> call.get(0).equals("kafka-acls.sh")).toList()) {
            AclBinding binding = binding(call);
            if (binding.entry().principal().equals("User:schema-registry")) {
                registry.add(binding.toString());
                continue;
            }
            granted.add(binding);
        }
        assertThat(granted).containsExactlyInAnyOrderElementsOf(KafkaAccess.acls(agencies));
        assertThat(registry).isNotEmpty();
        List<String> topics = calls.stream().filter(call -> call.get(0).equals("kafka-topics.sh"))
            .map(call -> argument(call, "--topic")).toList();
        assertThat(topics).containsAll(KafkaAccess.topicsToCreate(agencies))
            .filteredOn(topic -> topic.startsWith(KafkaAccess.AGENCY_TOPIC_PREFIX))
            .containsExactlyInAnyOrderElementsOf(agencies.stream().map(KafkaAccess::agencyTopicOf).toList());
        // Without agencies, no agency topic and no grant of one.
        List<List<String>> none = kafkaSetupCalls(tools, "");
        assertThat(none.stream().filter(call -> call.get(0).equals("kafka-acls.sh")).map(ComposeEnvironmentTests::binding)
            .filter(binding -> !binding.entry().principal().equals("User:schema-registry")))
            .containsExactlyInAnyOrderElementsOf(KafkaAccess.acls(List.of()));

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
        // The broker's set-up and the notification service know the same agencies with topics of their own.
        assertThat(((Map<String, Object>) services.get("kafka-setup").get("environment")).get("NEXUS_AGENCY_TOPICS"))
            .isEqualTo(((Map<String, Object>) services.get(KafkaAccess.NOTIFICATION_SERVICE).get("environment"))
                .get("NEXUS_AGENCY_TOPICS"))
            .isEqualTo("${NEXUS_AGENCY_TOPICS:-}");
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

    /** Runs deploy/kafka/kafka-setup.sh with stand-ins for kafka-topics.sh and kafka-acls.sh: each call's arguments. */
    private static List<List<String>> kafkaSetupCalls(Path tools, String agencies) throws Exception {
        Path calls = tools.resolve("calls.tsv");
        Files.deleteIfExists(calls);
        for (String tool : List.of("kafka-topics.sh", "kafka-acls.sh")) {
            Path script = tools.resolve(tool);
            Files.writeString(script, "#!/bin/bash\n{ printf '%s' \"$(basename \"$0\")\"; printf '\\t%s' \"$@\"; echo; } >> \"$CALLS\"\n");
            script.toFile().setExecutable(true);
        }
        ProcessBuilder builder = new ProcessBuilder("bash", ROOT.resolve("deploy/kafka/kafka-setup.sh").toString())
            .redirectErrorStream(true);
        builder.environment().putAll(Map.of("KAFKA_BIN", tools.toString(), "CALLS", calls.toString(),
            "NEXUS_AGENCY_TOPICS", agencies));
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes());
        assertThat(process.waitFor()).as(output).isZero();
        return Files.readAllLines(calls).stream().map(line -> List.of(line.split("\t"))).toList();
    }

    /** The grant a kafka-acls.sh --add call makes. */
    private static AclBinding binding(List<String> call) {
        boolean deny = call.contains("--deny-principal");
        String principal = argument(call, deny ? "--deny-principal" : "--allow-principal");
        ResourceType type = call.contains("--topic") ? ResourceType.TOPIC : ResourceType.GROUP;
        String name = argument(call, type == ResourceType.TOPIC ? "--topic" : "--group");
        return new AclBinding(new ResourcePattern(type, name, PatternType.fromString(argument(call, "--resource-pattern-type"))),
            new AccessControlEntry(principal, "*", SecurityUtils.operation(argument(call, "--operation")),
                deny ? AclPermissionType.DENY : AclPermissionType.ALLOW));
    }

    private static String argument(List<String> call, String option) {
        return call.get(call.indexOf(option) + 1);
    }

    /** Examples in comments are not configuration the service reads. */
    static String withoutComments(String yaml) {
        return yaml.lines().filter(line -> !line.strip().startsWith("#")).reduce("", (a, b) -> a + b + "\n");
    }
}
