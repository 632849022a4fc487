package io.eventmonitoring.local;

import io.eventmonitoring.process.ManagedProcess;
import io.eventmonitoring.process.ProcessException;
import io.eventmonitoring.process.Role;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Properties;

/**
 * What a running launcher publishes in the data folder for {@code status}, {@code stop} and {@code restart} in other
 * terminals: its own pid, the cluster's address and every child process.
 * Pids are stored with start times, so that a pid the system reused after a crash is never taken for one of ours.
 */
public record PlatformState(long launcherPid, Instant launcherStartedAt, String bootstrapServers, int sinkPort,
                            List<Entry> processes) {

    /** One child process; {@code restarts} counts its starts after the first. */
    public record Entry(String name, Role role, long pid, Instant startedAt, int port, Path log, int restarts) {

        Optional<ManagedProcess> alive() {
            return ManagedProcess.find(pid, startedAt).map(h -> new ManagedProcess(name, role, port, log, h, startedAt));
        }
    }

    public Optional<ProcessHandle> launcher() {
        return ManagedProcess.find(launcherPid, launcherStartedAt);
    }

    /** The processes of this run that are still alive, in the order they were started. */
    public List<ManagedProcess> aliveProcesses() {
        return processes.stream().flatMap(entry -> entry.alive().stream()).toList();
    }

    public void write(DataDir dataDir) {
        Properties props = new Properties();
        props.setProperty("launcher", launcherPid + " " + launcherStartedAt);
        props.setProperty("bootstrap.servers", bootstrapServers);
        props.setProperty("sink.port", Integer.toString(sinkPort));
        for (int i = 0; i < processes.size(); i++) {
            Entry e = processes.get(i);
            props.setProperty("process." + i, e.name() + " " + e.role() + " " + e.pid() + " " + e.startedAt() + " "
                    + e.port() + " " + e.restarts() + " " + e.log());
        }
        Path temp = dataDir.stateFile().resolveSibling("platform.state.tmp");
        try {
            try (Writer writer = Files.newBufferedWriter(temp)) {
                props.store(writer, "Written by the running local platform launcher; removed when it stops");
            }
            // Readers in other terminals never see a half-written file.
            Files.move(temp, dataDir.stateFile(), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + dataDir.stateFile(), e);
        }
    }

    public static Optional<PlatformState> read(DataDir dataDir) {
        Path file = dataDir.stateFile();
        Properties props = new Properties();
        try (Reader reader = Files.newBufferedReader(file)) {
            props.load(reader);
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
        try {
            List<Entry> entries = new ArrayList<>();
            for (int i = 0; props.containsKey("process." + i); i++) {
                String[] f = props.getProperty("process." + i).split(" ", 7);
                entries.add(new Entry(f[0], Role.valueOf(f[1]), Long.parseLong(f[2]), Instant.parse(f[3]),
                        Integer.parseInt(f[4]), Path.of(f[6]), Integer.parseInt(f[5])));
            }
            String[] launcher = props.getProperty("launcher").split(" ");
            return Optional.of(new PlatformState(Long.parseLong(launcher[0]), Instant.parse(launcher[1]),
                    props.getProperty("bootstrap.servers"), Integer.parseInt(props.getProperty("sink.port")),
                    List.copyOf(entries)));
        } catch (RuntimeException e) {
            throw new ProcessException(file + " is damaged (" + e + "); if no platform runs, delete it", e);
        }
    }

    public static void delete(DataDir dataDir) {
        try {
            Files.deleteIfExists(dataDir.stateFile());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + dataDir.stateFile(), e);
        }
    }
}
