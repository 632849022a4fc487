package io.eventmonitoring.local.process;

import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;
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

    public ManagedProcess(String name, Role role, int port, Path log, ProcessHandle handle, Instant startedAt) {
        this.name = name;
        this.role = role;
        this.port = port;
        this.log = log;
        this.handle = handle;
        this.startedAt = startedAt;
        this.exitedAt = handle.onExit().thenApply(h -> Instant.now());
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
}
