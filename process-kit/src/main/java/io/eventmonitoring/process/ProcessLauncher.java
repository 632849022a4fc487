package io.eventmonitoring.process;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/** Starts child processes with their output in a log file and without the secrets they are not meant to see. */
public final class ProcessLauncher {

    /** Environment variables handed only to the process that needs them, never inherited by the others. */
    public static final Set<String> SECRET_ENV = Set.of(
            "SLACK_WEBHOOK_USER", "SLACK_WEBHOOK_ORDER", "BRIDGE_ADMIN_USERNAME", "BRIDGE_ADMIN_PASSWORD",
            "SLACK_SIGNING_SECRET", "BRIDGE_SESSION_KEY");

    /**
     * Ctrl-C and a closing terminal signal the whole foreground process group. Children ignore SIGINT and
     * SIGHUP (a JVM keeps an ignored signal ignored) so that only the launcher reacts, and stops them in order
     * with SIGTERM. {@code exec} keeps the pid.
     */
    private static final List<String> DETACHED_SIGNALS = List.of("/bin/sh", "-c", "trap '' INT HUP; exec \"$@\"", "sh");

    private ProcessLauncher() {
    }

    /** Starts a long-running process; {@code env} is added to the launcher's environment less its secrets. */
    public static ManagedProcess launch(String name, Role role, int port, List<String> command, Path workDir, Path log,
                                        Map<String, String> env) {
        Process process = start(name, command, workDir, log, env);
        Instant startedAt = process.info().startInstant().orElseGet(Instant::now);
        return new ManagedProcess(name, role, port, log, process, startedAt);
    }

    /** Runs a short-lived command to its end and returns its exit code. */
    public static int run(String name, List<String> command, Path workDir, Path log, Duration timeout) {
        Process process = start(name, command, workDir, log, Map.of());
        try {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                throw new ProcessException(name + " did not finish within " + timeout.toSeconds() + " s; see " + log);
            }
            return process.exitValue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
            throw new ProcessException(name + " was interrupted");
        }
    }

    private static Process start(String name, List<String> command, Path workDir, Path log, Map<String, String> env) {
        List<String> full = new ArrayList<>(DETACHED_SIGNALS);
        full.addAll(command);
        ProcessBuilder builder = new ProcessBuilder(full)
                .directory(workDir.toFile())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        SECRET_ENV.forEach(builder.environment()::remove);
        builder.environment().putAll(env);
        try {
            Files.createDirectories(log.getParent());
            return builder.start();
        } catch (IOException e) {
            throw new ProcessException("cannot start " + name + ": " + e.getMessage(), e);
        }
    }
}
