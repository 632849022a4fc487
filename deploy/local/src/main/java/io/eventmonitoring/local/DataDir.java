package io.eventmonitoring.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;

/** Everything the platform keeps lives under one folder: cluster identity, configs, Kafka data, logs, run state. */
public record DataDir(Path root) {

    public DataDir {
        root = root.toAbsolutePath().normalize();
    }

    public Path config() {
        return root.resolve("config");
    }

    public Path logs() {
        return root.resolve("logs");
    }

    public Path log(String processName) {
        return logs().resolve(processName + ".log");
    }

    /** One JSON line per message the sink accepted: channel, time, events it stands for, event ids shown. */
    public Path sinkRecord() {
        return logs().resolve("slack-sink.jsonl");
    }

    public Path secrets() {
        return root.resolve("secrets");
    }

    /** A random secret made once and kept in {@code secrets/<name>} (mode 600), the same on every start. */
    public String keptSecret(String name) {
        Path file = secrets().resolve(name);
        try {
            if (Files.isRegularFile(file)) {
                return Files.readString(file, StandardCharsets.UTF_8).trim();
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the secret " + name + " in " + file.getParent(), e);
        }
        byte[] random = new byte[24];
        new SecureRandom().nextBytes(random);
        String secret = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
        writeSecret(name, secret + "\n");
        return secret;
    }

    /** Writes {@code secrets/<name>} anew, readable by its owner only (mode 600). */
    public Path writeSecret(String name, String content) {
        Path file = secrets().resolve(name);
        try {
            Files.createDirectories(file.getParent());
            Files.deleteIfExists(file);
            Files.createFile(file);
            if (file.getFileSystem().supportedFileAttributeViews().contains("posix")) {
                Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
            }
            Files.writeString(file, content, StandardCharsets.UTF_8);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the secret " + name + " in " + file.getParent(), e);
        }
    }

    /** Present while a launcher runs: its pid and every child process, read by {@code status} and {@code stop}. */
    public Path stateFile() {
        return root.resolve("platform.state");
    }

    /** Where a running launcher listens for {@code restart} from other terminals. */
    public Path controlSocket() {
        return root.resolve("control.sock");
    }

    public void create() {
        try {
            Files.createDirectories(config());
            Files.createDirectories(logs());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the data folder " + root, e);
        }
    }
}
