package io.eventmonitoring.local;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Schedules the restart of processes that exited unexpectedly, after a {@link Backoff} pause that grows while a
 * process keeps failing. Knows processes by name only: what a restart does is the caller's.
 */
public final class Supervisor implements AutoCloseable {

    /** Runs a task after a pause; a seam so that tests decide when time passes. */
    public interface Scheduler extends AutoCloseable {

        Future<?> schedule(Duration delay, Runnable task);

        @Override
        void close();

        /** One daemon thread: a pending restart must never keep the launcher's JVM from exiting. */
        static Scheduler daemon(String threadName) {
            ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor(task -> {
                Thread thread = new Thread(task, threadName);
                thread.setDaemon(true);
                return thread;
            });
            return new Scheduler() {
                @Override
                public Future<?> schedule(Duration delay, Runnable task) {
                    return executor.schedule(task, delay.toMillis(), TimeUnit.MILLISECONDS);
                }

                @Override
                public void close() {
                    executor.shutdownNow();
                }
            };
        }
    }

    private final Backoff backoff;
    private final Clock clock;
    private final Scheduler scheduler;
    private final Map<String, Integer> exitsInARow = new HashMap<>();
    private final Map<String, Future<?>> pending = new HashMap<>();
    private boolean closed;

    public Supervisor(Backoff backoff, Clock clock, Scheduler scheduler) {
        this.backoff = backoff;
        this.clock = clock;
        this.scheduler = scheduler;
    }

    /**
     * Schedules {@code restart} for a process that exited now after starting at {@code startedAt}, and returns the
     * pause; empty when closed or when a restart of that name is already pending (its exit was already seen).
     */
    public synchronized Optional<Duration> exited(String name, Instant startedAt, Runnable restart) {
        if (closed || pending.containsKey(name)) {
            return Optional.empty();
        }
        int earlier = backoff.stable(Duration.between(startedAt, clock.instant())) ? 0
                : exitsInARow.getOrDefault(name, 0);
        exitsInARow.put(name, earlier + 1);
        Duration delay = backoff.delay(earlier);
        pending.put(name, scheduler.schedule(delay, () -> {
            synchronized (this) {
                pending.remove(name);
            }
            restart.run();
        }));
        return Optional.of(delay);
    }

    public synchronized boolean isPending(String name) {
        return pending.containsKey(name);
    }

    /** Drops a pending restart: the process is being restarted by hand. */
    public synchronized void cancel(String name) {
        Future<?> restart = pending.remove(name);
        if (restart != null) {
            restart.cancel(false);
        }
    }

    /** No restart from now on: the platform is stopping. */
    @Override
    public void close() {
        synchronized (this) {
            closed = true;
            pending.values().forEach(restart -> restart.cancel(false));
            pending.clear();
        }
        scheduler.close();
    }
}
