package se.nexus.audit.offline;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * One export handed to a verifier, with the options to verify it with and the verdict expected.
 *
 * @param content the file's bytes, or null for a file that does not exist
 * @param printed a part of what the Java verifier prints
 */
record ExportCase(String name, byte[] content, List<String> options, int exit, String printed) {

    /** Writes the file into {@code dir} and returns the verifier's arguments: the file, then the options. */
    List<String> arguments(Path dir) throws IOException {
        Path file = dir.resolve("export.jsonl");
        if (content != null) {
            Files.write(file, content);
        }
        List<String> arguments = new ArrayList<>(List.of(file.toString()));
        arguments.addAll(options);
        return arguments;
    }

    @Override
    public String toString() {
        return name;
    }
}
