package io.eventmonitoring.process;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
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

    /** Sleeps between two polls of a wait; an interrupt ends the wait with {@code what} in the message. */
    public static void pause(Duration pause, String what) {
        try {
            Thread.sleep(pause.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ProcessException("interrupted while " + what);
        }
    }
}
