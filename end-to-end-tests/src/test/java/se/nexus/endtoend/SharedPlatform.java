package se.nexus.endtoend;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import se.nexus.local.LocalPlatform;

/**
 * The one platform of this test JVM, started as the local stack starts it, on free ports, the first time a test
 * asks for it; every end-to-end test drives the same one, and it stops at JVM exit.
 */
final class SharedPlatform {

    private static LocalPlatform platform;
    private static Path data;
    private static SpanCollector spans;

    private SharedPlatform() {
    }

    static synchronized LocalPlatform get() {
        if (platform == null) {
            Path root = Path.of(System.getProperty("nexus.project.root", "..")).toAbsolutePath().normalize();
            try {
                data = Files.createTempDirectory(Files.createDirectories(root.resolve("end-to-end-tests/target")),
                    "platform-");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            spans = SpanCollector.start();
            LocalPlatform.Options options = LocalPlatform.Options.onFreePorts(root, data)
                .withVersion(System.getProperty("nexus.version", LocalPlatform.Options.DEFAULT_VERSION));
            for (String service : LocalPlatform.API_SERVICES) {
                // Spring Boot's own setting, as docker-compose sets it for Jaeger.
                options = options.withServiceEnvironment(service,
                    Map.of("MANAGEMENT_OPENTELEMETRY_TRACING_EXPORT_OTLP_ENDPOINT", spans.endpoint()));
            }
            platform = LocalPlatform.start(options, System.out::println);
        }
        return platform;
    }

    /** The collector the platform's services send their spans to. */
    static synchronized SpanCollector spans() {
        get();
        return spans;
    }

    /** A folder for a test's own files in the platform's fresh data folder. */
    static Path workFolder(String name) {
        get();
        try {
            return Files.createDirectories(data.resolve("work").resolve(name));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
