package io.eventmonitoring.local;

import io.eventmonitoring.process.ManagedProcess;
import io.eventmonitoring.process.OrderedStop;
import io.eventmonitoring.process.ProcessException;
import io.eventmonitoring.process.Role;

import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * The platform's child processes by name, how to start each one again and how often each was restarted. A service
 * that exits unexpectedly is restarted after a {@link Backoff} pause, as Kubernetes restarts a crashing container; a
 * Kafka node is not, since a person or a fault test stopped it on purpose, and {@link #restart} brings it back.
 */
final class Processes {

    /**
     * The pause before restarting a process that exited: it doubles with each exit in a row up to {@code max}, and a
     * process that stayed up for {@code stableAfter} counts as healthy again.
     */
    record Backoff(Duration initial, Duration max, Duration stableAfter) {

        /** Long enough that a service which dies soon after getting ready on a busy machine still backs off. */
        static final Backoff SERVICES = new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(30), Duration.ofMinutes(2));

        Duration delay(int exitsInARow) {
            Duration delay = initial.multipliedBy(1L << Math.min(exitsInARow, 20));
            return delay.compareTo(max) > 0 ? max : delay;
        }
    }

    private final Backoff backoff;
    private final Duration stopGrace;
    private final PrintStream out;
    private final Runnable changed;
    /** One daemon thread: a pending restart must never keep the launcher's JVM from exiting. */
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(task -> {
        Thread thread = new Thread(task, "local-platform-supervisor");
        thread.setDaemon(true);
        return thread;
    });
    private final List<ManagedProcess> processes = new ArrayList<>();
    private final Map<String, Supplier<ManagedProcess>> starters = new HashMap<>();
    private final Map<String, Integer> restarts = new HashMap<>();
    private final Map<String, Integer> exitsInARow = new HashMap<>();
    private final Map<String, Future<?>> pending = new HashMap<>();
    private final Set<ManagedProcess> expectedExits = new HashSet<>();
    /** Held for a whole restart, so that a restart by hand and one after an exit never overlap. */
    private final Object restarting = new Object();
    private boolean supervising;
    private boolean stopping;

    /** {@code changed} runs, under this table's lock, whenever a process was added or replaced. */
    Processes(Backoff backoff, Duration stopGrace, PrintStream out, Runnable changed) {
        this.backoff = backoff;
        this.stopGrace = stopGrace;
        this.out = out;
        this.changed = changed;
    }

    synchronized List<ManagedProcess> all() {
        return List.copyOf(processes);
    }

    synchronized int restarts(String name) {
        return restarts.getOrDefault(name, 0);
    }

    synchronized boolean isStopping() {
        return stopping;
    }

    /** Adds a process started for the first time; {@code starter} starts it again. */
    void add(ManagedProcess process, Supplier<ManagedProcess> starter) {
        synchronized (this) {
            refuseIfStopping(process);
            starters.put(process.name(), starter);
            processes.add(process);
            changed.run();
        }
        process.exitCode().thenAccept(code -> exited(process, code));
    }

    /**
     * From now on services that exit are restarted. Not during the start: a service that fails then fails the
     * start, with its log. One that already exited in between is restarted now.
     */
    void supervise() {
        List<ManagedProcess> exited;
        synchronized (this) {
            supervising = true;
            exited = processes.stream().filter(p -> p.role() == Role.SERVICE && !p.isAlive()).toList();
        }
        exited.forEach(p -> exited(p, p.exitCode().getNow(OptionalInt.empty())));
    }

    /** Stops the named process if it runs (SIGTERM, SIGKILL after the grace), then starts it again. */
    ManagedProcess restart(String name, PrintStream reply) {
        synchronized (restarting) {
            ManagedProcess current;
            synchronized (this) {
                if (stopping) {
                    throw new ProcessException("the platform is stopping");
                }
                current = current(name);
                Optional.ofNullable(pending.remove(name)).ifPresent(restart -> restart.cancel(false));
                if (current.isAlive()) {
                    expectedExits.add(current);
                }
            }
            if (current.isAlive()) {
                reply.println("stopping " + name + " (pid " + current.pid() + ")");
                new OrderedStop(stopGrace, out).stop(List.of(current));
            }
            ManagedProcess started = starters.get(name).get();
            synchronized (this) {
                refuseIfStopping(started);
                processes.set(processes.indexOf(current), started);
                restarts.merge(name, 1, Integer::sum);
                changed.run();
            }
            started.exitCode().thenAccept(code -> exited(started, code));
            String line = "restarted " + name + " (pid " + started.pid() + ", restarts: " + restarts(name) + ")";
            reply.println(line);
            out.println("[platform] " + line);
            return started;
        }
    }

    /** Runs {@code task} every {@code period} until stop, on the thread that restarts processes; a failure is shown. */
    void every(Duration period, Runnable task) {
        scheduler.scheduleWithFixedDelay(() -> {
            try {
                task.run();
            } catch (RuntimeException e) {
                out.println("[platform] " + e.getMessage());
            }
        }, period.toMillis(), period.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** No restart from now on; returns the processes to stop. */
    List<ManagedProcess> stop() {
        synchronized (this) {
            stopping = true;
        }
        scheduler.shutdownNow();
        return all();
    }

    private synchronized void exited(ManagedProcess process, OptionalInt code) {
        String name = process.name();
        // Stopping, stopped by a restart, or already replaced or due to be.
        if (stopping || expectedExits.remove(process) || !processes.contains(process) || pending.containsKey(name)) {
            return;
        }
        String exited = "[platform] " + name + " exited unexpectedly"
                + (code.isPresent() ? " (exit " + code.getAsInt() + ")" : "") + "; see " + process.log();
        if (process.role() != Role.SERVICE) {
            out.println(exited + ". Kafka nodes are not restarted on their own; to start it again: "
                    + "deploy/local/platform restart " + name);
        } else if (!supervising) {
            out.println(exited);
        } else {
            boolean stable = Duration.between(process.startedAt(), Instant.now()).compareTo(backoff.stableAfter()) >= 0;
            int earlier = stable ? 0 : exitsInARow.getOrDefault(name, 0);
            exitsInARow.put(name, earlier + 1);
            Duration delay = backoff.delay(earlier);
            pending.put(name, scheduler.schedule(() -> restartAfterExit(name), delay.toMillis(), TimeUnit.MILLISECONDS));
            out.printf("%s; restart %d in %s%n", exited, restarts(name) + 1,
                    delay.toMillis() % 1000 == 0 ? delay.toSeconds() + " s" : delay.toMillis() + " ms");
        }
    }

    private void restartAfterExit(String name) {
        synchronized (restarting) {
            synchronized (this) {
                // Stopping, or restarted by hand meanwhile.
                if (pending.get(name) == null || stopping || current(name).isAlive()) {
                    return;
                }
            }
            try {
                restart(name, new PrintStream(PrintStream.nullOutputStream()));
            } catch (RuntimeException e) {
                if (!isStopping()) {
                    out.println("[platform] could not restart " + name + ": " + e.getMessage()
                            + "; to try again: deploy/local/platform restart " + name);
                }
            }
        }
    }

    synchronized ManagedProcess current(String name) {
        return processes.stream().filter(p -> p.name().equals(name)).findFirst()
                .orElseThrow(() -> new ProcessException("no process named '" + name + "'; known: "
                        + processes.stream().map(ManagedProcess::name).collect(Collectors.joining(", "))));
    }

    private void refuseIfStopping(ManagedProcess process) {
        if (stopping) {
            process.handle().destroy();
            throw new ProcessException("stopped while starting");
        }
    }
}
