package io.eventmonitoring.local;

import io.eventmonitoring.process.ManagedProcess;
import io.eventmonitoring.process.Role;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Properties;

/**
 * What a running launcher publishes in the data folder for {@code status}, {@code stop} and {@code restart} in
 * other terminals: its own pid, the cluster's address, its control socket and every child process with its
 * restarts. Pids are stored with start times so that a pid reused by the system after a crash is never taken for
 * one of ours. {@code controlSocket} is empty until the launcher has started everything.
 */
public record PlatformState(long launcherPid, Instant launcherStartedAt, String layout, String bootstrapServers,
                            int sinkPort, Optional<Path> controlSocket, List<Entry> processes) {

    /** One child process; {@code restarts} counts its starts after the first. */
    public record Entry(String name, Role role, long pid, Instant startedAt, int port, Path log, int restarts) {
    }

    public PlatformState {
        processes = List.copyOf(processes);
    }

    public Optional<ProcessHandle> launcher() {
        return ManagedProcess.find(launcherPid, launcherStartedAt);
    }

    /** The processes of this run that are still alive, in the order they were started. */
    public List<ManagedProcess> aliveProcesses() {
        List<ManagedProcess> alive = new ArrayList<>();
        for (Entry entry : processes) {
            ManagedProcess.find(entry.pid(), entry.startedAt()).ifPresent(handle -> alive.add(
                    new ManagedProcess(entry.name(), entry.role(), entry.port(), entry.log(), handle, entry.startedAt())));
        }
        return alive;
    }

    public void write(DataDir dataDir) {
        Properties props = new Properties();
        props.setProperty("launcher.pid", Long.toString(launcherPid));
        props.setProperty("launcher.started", launcherStartedAt.toString());
        props.setProperty("layout", layout);
        props.setProperty("bootstrap.servers", bootstrapServers);
        props.setProperty("sink.port", Integer.toString(sinkPort));
        controlSocket.ifPresent(socket -> props.setProperty("control.socket", socket.toString()));
        for (int i = 0; i < processes.size(); i++) {
            Entry entry = processes.get(i);
            String prefix = "process." + i + ".";
            props.setProperty(prefix + "name", entry.name());
            props.setProperty(prefix + "role", entry.role().label());
            props.setProperty(prefix + "pid", Long.toString(entry.pid()));
            props.setProperty(prefix + "started", entry.startedAt().toString());
            props.setProperty(prefix + "port", Integer.toString(entry.port()));
            props.setProperty(prefix + "log", entry.log().toString());
            props.setProperty(prefix + "restarts", Integer.toString(entry.restarts()));
        }
        Path file = dataDir.stateFile();
        Path temp = file.resolveSibling(file.getFileName() + ".tmp");
        try (Writer writer = Files.newBufferedWriter(temp, StandardCharsets.UTF_8)) {
            props.store(writer, "Written by the running local platform launcher; removed when it stops");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + temp, e);
        }
        try {
            // Readers in other terminals never see a half-written file.
            Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }

    public static Optional<PlatformState> read(DataDir dataDir) {
        Path file = dataDir.stateFile();
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        Properties props = new Properties();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            props.load(reader);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
        try {
            List<Entry> entries = new ArrayList<>();
            for (int i = 0; props.containsKey("process." + i + ".name"); i++) {
                String prefix = "process." + i + ".";
                entries.add(new Entry(
                        props.getProperty(prefix + "name"),
                        Role.fromLabel(props.getProperty(prefix + "role")),
                        Long.parseLong(props.getProperty(prefix + "pid")),
                        Instant.parse(props.getProperty(prefix + "started")),
                        Integer.parseInt(props.getProperty(prefix + "port")),
                        Path.of(props.getProperty(prefix + "log")),
                        Integer.parseInt(props.getProperty(prefix + "restarts", "0"))));
            }
            return Optional.of(new PlatformState(
                    Long.parseLong(props.getProperty("launcher.pid")),
                    Instant.parse(props.getProperty("launcher.started")),
                    props.getProperty("layout"),
                    props.getProperty("bootstrap.servers"),
                    Integer.parseInt(props.getProperty("sink.port")),
                    Optional.ofNullable(props.getProperty("control.socket")).map(Path::of),
                    entries));
        } catch (RuntimeException e) {
            throw new PlatformException(file + " is damaged (" + e + "); if no platform runs, delete it", e);
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
