package io.eventmonitoring.local;

import io.eventmonitoring.process.ManagedProcess;
import io.eventmonitoring.process.ProcessException;
import io.eventmonitoring.process.Role;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

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

    /** One line for the launcher, one per process; written to a new file moved in place, so never seen half-written. */
    public void write(DataDir dataDir) {
        List<String> lines = new ArrayList<>(List.of("# Written by the running local platform launcher; removed when "
                + "it stops", launcherPid + " " + launcherStartedAt + " " + bootstrapServers + " " + sinkPort));
        processes.forEach(e -> lines.add(e.name() + " " + e.role() + " " + e.pid() + " " + e.startedAt() + " "
                + e.port() + " " + e.restarts() + " " + e.log()));
        try {
            Files.move(Files.write(dataDir.stateFile().resolveSibling("platform.state.tmp"), lines),
                    dataDir.stateFile(), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + dataDir.stateFile(), e);
        }
    }

    public static Optional<PlatformState> read(DataDir dataDir) {
        Path file = dataDir.stateFile();
        List<String> lines;
        try {
            lines = Files.readAllLines(file);
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
        try {
            String[] launcher = lines.get(1).split(" ");
            return Optional.of(new PlatformState(Long.parseLong(launcher[0]), Instant.parse(launcher[1]), launcher[2],
                    Integer.parseInt(launcher[3]), lines.stream().skip(2).map(line -> line.split(" ", 7))
                    .map(f -> new Entry(f[0], Role.valueOf(f[1]), Long.parseLong(f[2]), Instant.parse(f[3]),
                            Integer.parseInt(f[4]), Path.of(f[6]), Integer.parseInt(f[5]))).toList()));
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
