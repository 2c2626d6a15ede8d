package se.nexus.console.audit;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.io.ClassPathResource;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/** The log search offers every event type the schemas define, under the name the audit log records it by. */
class AuditPropertiesTests {

    private static final Path SCHEMAS = Path.of("../schemas/src/main/avro");

    @Test
    void everyEventOfTheSchemasAndTheAuditorsOwnReadsCanBeSearchedFor() throws IOException {
        List<String> offered = configured().eventTypes();
        assertThat(offered).containsAll(eventsOfTheSchemas()).contains("AuditQueryPerformed").doesNotHaveDuplicates();
        assertThat(offered).hasSize(eventsOfTheSchemas().size() + 1);
    }

    private static AuditProperties configured() throws IOException {
        var yaml = new YamlPropertySourceLoader().load("application", new ClassPathResource("application.yml"));
        return new Binder(ConfigurationPropertySources.from(yaml)).bind("nexus.console.audit", AuditProperties.class)
            .get();
    }

    /**
     * Each event is one record with metadata; the shared types (subject, legal basis) have none. Not the events of the
     * agencies' own topics: the audit log does not take them in, as they repeat the notifications it holds.
     */
    private static List<String> eventsOfTheSchemas() throws IOException {
        JsonMapper json = JsonMapper.builder().build();
        try (Stream<Path> files = Files.walk(SCHEMAS)) {
            return files.filter(file -> file.toString().endsWith(".avsc"))
                .filter(file -> !file.startsWith(SCHEMAS.resolve("agency")))
                .map(file -> json.readTree(file.toFile()))
                .filter(schema -> "record".equals(schema.path("type").asString())
                        && StreamSupport.stream(schema.path("fields").spliterator(), false).anyMatch(field -> "metadata".equals(field.path("name").asString())))
                .map(schema -> schema.get("namespace").asString() + "." + schema.get("name").asString())
                .toList();
        }
    }
}
