package io.eventmonitoring.bridge.slack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * A bot token is a credential: it never prints, not even in an exception. One read from a file (a mounted Kubernetes
 * Secret) is read again by {@link #reload()}, so that a rotated token takes effect without a restart.
 */
public final class BotToken {

    private final Optional<Path> file;
    private volatile String value;

    private BotToken(Optional<Path> file, String value) {
        this.file = file;
        this.value = value;
    }

    public static BotToken of(String value) {
        return new BotToken(Optional.empty(), value.strip());
    }

    /** @throws UncheckedIOException when the file cannot be read; its message names the path, never the content */
    public static BotToken fromFile(Path file) {
        return new BotToken(Optional.of(file), read(file));
    }

    /** The {@code Authorization} header's value. */
    public String bearer() {
        return "Bearer " + value;
    }

    public Optional<Path> file() {
        return file;
    }

    /** Reads the file again; true when the token changed. A token given inline, or an unreadable file, never changes. */
    public boolean reload() {
        if (file.isEmpty()) {
            return false;
        }
        try {
            String current = read(file.get());
            if (current.isEmpty() || current.equals(value)) {
                return false;
            }
            value = current;
            return true;
        } catch (UncheckedIOException e) {
            return false;
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file).strip();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + " (" + e.getClass().getSimpleName() + ")", e);
        }
    }

    @Override
    public String toString() {
        return "xox*-***";
    }
}
