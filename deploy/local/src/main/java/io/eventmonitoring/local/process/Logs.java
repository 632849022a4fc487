package io.eventmonitoring.local.process;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.stream.Stream;

/** The end of a log file, to show with an error instead of sending the person hunting for it. */
public final class Logs {

    private Logs() {
    }

    public static String tail(Path log, int lines) {
        if (!Files.isRegularFile(log)) {
            return "  (" + log + " does not exist)";
        }
        Deque<String> last = new ArrayDeque<>(lines);
        try (Stream<String> all = Files.lines(log, StandardCharsets.UTF_8)) {
            all.forEach(line -> {
                if (last.size() == lines) {
                    last.removeFirst();
                }
                last.addLast(line);
            });
        } catch (IOException | UncheckedIOException e) {
            return "  (cannot read " + log + ": " + e.getMessage() + ")";
        }
        return String.join("\n", last.stream().map(line -> "  | " + line).toList());
    }
}
