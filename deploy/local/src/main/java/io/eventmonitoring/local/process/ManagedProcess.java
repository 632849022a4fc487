package io.eventmonitoring.local.process;

import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.CompletableFuture;

/**
 * A child process of the platform: started by this launcher, or found again from the state file by
 * {@code stop} in another terminal. Identity is pid plus start time, so a reused pid is never signalled.
 */
public final class ManagedProcess {

    private final String name;
    private final Role role;
    private final int port;
    private final Path log;
    private final ProcessHandle handle;
    private final Instant startedAt;
    private final CompletableFuture<Instant> exitedAt;
    private final CompletableFuture<OptionalInt> exitCode;

    /** A process found again from the state file: its exit code will not be known. */
    public ManagedProcess(String name, Role role, int port, Path log, ProcessHandle handle, Instant startedAt) {
        this(name, role, port, log, handle, startedAt, handle.onExit().thenApply(h -> OptionalInt.empty()));
    }

    /** A child process of this JVM. */
    public ManagedProcess(String name, Role role, int port, Path log, Process process, Instant startedAt) {
        this(name, role, port, log, process.toHandle(), startedAt,
                process.onExit().thenApply(p -> OptionalInt.of(p.exitValue())));
    }

    private ManagedProcess(String name, Role role, int port, Path log, ProcessHandle handle, Instant startedAt,
                           CompletableFuture<OptionalInt> exitCode) {
        this.name = name;
        this.role = role;
        this.port = port;
        this.log = log;
        this.handle = handle;
        this.startedAt = startedAt;
        this.exitedAt = handle.onExit().thenApply(h -> Instant.now());
        this.exitCode = exitCode;
    }

    /** The process with that pid, if it is still the one started at {@code startedAt}. */
    public static Optional<ProcessHandle> find(long pid, Instant startedAt) {
        return ProcessHandle.of(pid)
                .filter(h -> h.info().startInstant().map(startedAt::equals).orElse(false));
    }

    public String name() {
        return name;
    }

    public Role role() {
        return role;
    }

    public int port() {
        return port;
    }

    public Path log() {
        return log;
    }

    public long pid() {
        return handle.pid();
    }

    public Instant startedAt() {
        return startedAt;
    }

    public boolean isAlive() {
        return handle.isAlive();
    }

    public ProcessHandle handle() {
        return handle;
    }

    /** Completes with the time this launcher saw the process end. */
    public CompletableFuture<Instant> exited() {
        return exitedAt;
    }

    /** Completes when the process ends, with its exit code if it is a child of this JVM. */
    public CompletableFuture<OptionalInt> exitCode() {
        return exitCode;
    }
}
