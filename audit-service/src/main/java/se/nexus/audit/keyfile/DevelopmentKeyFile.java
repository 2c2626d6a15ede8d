package se.nexus.audit.keyfile;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.function.Supplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A key that development mode generates once and keeps in a local file readable by its owner only, so that it
 * outlives a restart. Never for a deployment: the key lives beside the service it is meant to be kept from.
 */
public final class DevelopmentKeyFile {

    private static final Logger log = LoggerFactory.getLogger(DevelopmentKeyFile.class);

    private DevelopmentKeyFile() {
    }

    /** The key text kept in the file, or a new one from {@code generate}, stored there first. */
    public static String readOrCreate(Path file, Supplier<String> generate) {
        return Files.exists(file) ? read(file) : store(generate.get(), file);
    }

    private static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.US_ASCII).trim();
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read the development key in " + file, e);
        }
    }

    private static String store(String key, Path file) {
        try {
            Path parent = file.toAbsolutePath().getParent();
            Files.createDirectories(parent);
            Path written = Files.createTempFile(parent, "key", ".tmp");
            Files.writeString(written, key, StandardCharsets.US_ASCII);
            restrict(written);
            Files.move(written, file);
            return key;
        } catch (IOException e) {
            throw new UncheckedIOException("Could not store the development key in " + file, e);
        }
    }

    private static void restrict(Path file) throws IOException {
        try {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException e) {
            log.debug("File permissions not supported here");
        }
    }
}
