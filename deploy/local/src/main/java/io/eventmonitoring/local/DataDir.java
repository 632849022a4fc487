package io.eventmonitoring.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;

/** Everything the platform keeps lives under one folder: cluster id, configs, Kafka data, logs, secrets, run state. */
public record DataDir(Path root) {

    private static final SecureRandom RANDOM = new SecureRandom();

    public DataDir {
        root = root.toAbsolutePath().normalize();
    }

    public Path logs() {
        return root.resolve("logs");
    }

    public Path log(String processName) {
        return logs().resolve(processName + ".log");
    }

    /** One JSON line per message the sink accepted (edits are not messages of their own). */
    public Path sinkRecord() {
        return logs().resolve("slack-sink.jsonl");
    }

    public Path secrets() {
        return root.resolve("secrets");
    }

    /** Where {@code restart} in another terminal leaves its request for the running launcher. */
    public Path requests() {
        return root.resolve("requests");
    }

    /** Present while a launcher runs: its pid and every child process, read by status, stop and restart. */
    public Path stateFile() {
        return root.resolve("platform.state");
    }

    /** Appends a line to a log; the file is opened for each, so a line is on disk before the next comes. */
    static void append(Path log, String line) {
        try {
            Files.writeString(log, line + "\n", StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write to " + log, e);
        }
    }

    public void create() {
        try {
            Files.createDirectories(root.resolve("config"));
            Files.createDirectories(logs());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the data folder " + root, e);
        }
    }

    /** A random secret made once and kept in {@code secrets/<name>} (mode 600), the same on every start. */
    public String keptSecret(String name) {
        Path file = Files.isRegularFile(secrets().resolve(name)) ? secrets().resolve(name)
                : writeSecret(name, random(24) + "\n");
        try {
            return Files.readString(file).trim();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the secret " + file, e);
        }
    }

    /** Writes {@code secrets/<name>} anew, readable by its owner only. */
    public Path writeSecret(String name, String content) {
        Path file = secrets().resolve(name);
        try {
            Files.createDirectories(file.getParent());
            Files.deleteIfExists(file);
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            return Files.writeString(file, content);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the secret " + file, e);
        }
    }

    static String random(int bytes) {
        byte[] random = new byte[bytes];
        RANDOM.nextBytes(random);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(random);
    }
}
