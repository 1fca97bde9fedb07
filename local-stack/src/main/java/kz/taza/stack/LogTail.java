package kz.taza.stack;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** The end of a log file, quoted in error messages so a failure explains itself without opening the file. */
final class LogTail {

    private LogTail() {
    }

    static List<String> of(Path file, int lines) {
        try {
            if (!Files.exists(file)) {
                return List.of();
            }
            // Logs of a failed start are small; reading the whole file is fine.
            List<String> all = Files.readAllLines(file, StandardCharsets.UTF_8);
            return all.subList(Math.max(0, all.size() - lines), all.size());
        } catch (IOException | java.io.UncheckedIOException e) {
            return List.of("(could not read " + file + ": " + e.getMessage() + ")");
        }
    }
}
