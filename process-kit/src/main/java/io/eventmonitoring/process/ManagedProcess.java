package io.eventmonitoring.process;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * A child process of the platform: started by this launcher, or found again from the state file by
 * {@code stop} in another terminal. Identity is pid plus start time, so a reused pid is never signalled.
 */
public final class ManagedProcess implements AutoCloseable {

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

    /** An address of its HTTP server, on 127.0.0.1 at its port. */
    public URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    /** CPU time the process has used so far (all its threads). */
    public Duration cpu() {
        return handle.info().totalCpuDuration().orElseThrow(
                () -> new IllegalStateException("this system does not report the CPU time of " + name));
    }

    /** Ends it like a crash or an OOM kill would: SIGKILL, no shutdown hooks; returns once it has ended. */
    public void kill() {
        handle.destroyForcibly();
        exitedAt.orTimeout(10, TimeUnit.SECONDS).exceptionally(t -> null).join();
    }

    /** Sends a signal by name ({@code STOP}, {@code CONT}, {@code KILL}...) if the process still runs. */
    public void signal(String signal) {
        if (!isAlive()) {
            return;
        }
        try {
            Process kill = new ProcessBuilder("kill", "-" + signal, Long.toString(pid())).inheritIO().start();
            if (!kill.waitFor(10, TimeUnit.SECONDS) || kill.exitValue() != 0) {
                throw new ProcessException("kill -" + signal + " " + pid() + " (" + name + ") failed");
            }
        } catch (IOException e) {
            throw new ProcessException("cannot signal " + name + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ProcessException("interrupted while signalling " + name);
        }
    }

    /** SIGTERM, and SIGKILL if it has not ended within {@code grace}; returns true if SIGTERM was enough. */
    public boolean stop(Duration grace) {
        handle.destroy();
        try {
            exitedAt.get(grace.toMillis(), TimeUnit.MILLISECONDS);
            return true;
        } catch (Exception e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            kill();
            return false;
        }
    }

    /** Stops it, within 30 s. */
    @Override
    public void close() {
        stop(Duration.ofSeconds(30));
    }
}
