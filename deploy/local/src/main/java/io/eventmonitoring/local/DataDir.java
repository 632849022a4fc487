package io.eventmonitoring.local;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

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
