package se.nexus.audit.offline;

import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The lines of an export: split at {@code \n} only and decoded as strict UTF-8 (a malformed byte is a
 * {@link java.nio.charset.CharacterCodingException}), so that every verifier sees the same lines. A final
 * {@code \n} ends the last line rather than starting an empty one.
 */
final class ExportFile {

    /** Receives each line with its number, counting from 1. */
    interface LineAction {
        void accept(long number, String text);
    }

    private ExportFile() {
    }

    static void forEachLine(Path file, LineAction action) throws IOException {
        try (Reader reader = new InputStreamReader(Files.newInputStream(file), StandardCharsets.UTF_8.newDecoder())) {
            char[] buffer = new char[8192];
            StringBuilder line = new StringBuilder();
            long number = 0;
            for (int read = reader.read(buffer); read != -1; read = reader.read(buffer)) {
                for (int i = 0; i < read; i++) {
                    if (buffer[i] == '\n') {
                        action.accept(++number, line.toString());
                        line.setLength(0);
                    } else {
                        line.append(buffer[i]);
                    }
                }
            }
            if (line.length() > 0) {
                action.accept(++number, line.toString());
            }
        }
    }
}
