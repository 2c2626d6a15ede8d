package se.nexus.endtoend;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

import se.nexus.local.LocalPlatform;

/**
 * The one platform of this test JVM, started as the local stack starts it, on free ports, the first time a test
 * asks for it; every end-to-end test drives the same one, and it stops at JVM exit.
 */
final class SharedPlatform {

    private static LocalPlatform platform;
    private static Path data;

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
            platform = LocalPlatform.start(LocalPlatform.Options.onFreePorts(root, data)
                .withVersion(System.getProperty("nexus.version", LocalPlatform.Options.DEFAULT_VERSION)),
                System.out::println);
        }
        return platform;
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
