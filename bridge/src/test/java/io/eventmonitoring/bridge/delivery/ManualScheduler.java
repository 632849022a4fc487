package io.eventmonitoring.bridge.delivery;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.PriorityQueue;
import java.util.concurrent.AbstractExecutorService;
import java.util.concurrent.Callable;
import java.util.concurrent.Delayed;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * An executor and clock in one, driven by the test: tasks run on the test's thread only when it says so, and time
 * moves only when it advances it. The dispatcher's timing is then checked exactly and without waiting.
 */
final class ManualScheduler extends AbstractExecutorService implements ScheduledExecutorService {

    private final PriorityQueue<Task> tasks = new PriorityQueue<>(
            java.util.Comparator.comparingLong((Task t) -> t.at).thenComparingLong(t -> t.order));
    private long now;
    private long sequence;
    private boolean shutdown;

    /** The scheduler's time in milliseconds, for the dispatcher's clock. */
    long millis() {
        return now;
    }

    /** Runs every task that is due, including those they submit for now. */
    void runDue() {
        advance(Duration.ZERO);
    }

    /** Moves time forward by {@code duration}, running each task at its time, in order. */
    void advance(Duration duration) {
        long until = now + duration.toMillis();
        while (!tasks.isEmpty() && tasks.peek().at <= until) {
            Task task = tasks.poll();
            now = Math.max(now, task.at);
            if (!task.cancelled) {
                task.command.run();
            }
        }
        now = until;
    }

    /** Advances in small steps until the condition holds, failing after {@code limit} of scheduler time. */
    void advanceUntil(java.util.function.BooleanSupplier condition, Duration limit) {
        long until = now + limit.toMillis();
        runDue();
        while (!condition.getAsBoolean()) {
            if (now >= until) {
                throw new AssertionError("not reached within " + limit + " of scheduler time");
            }
            advance(Duration.ofMillis(10));
        }
    }

    @Override
    public void execute(Runnable command) {
        schedule(command, 0, TimeUnit.MILLISECONDS);
    }

    @Override
    public ScheduledFuture<?> schedule(Runnable command, long delay, TimeUnit unit) {
        if (shutdown) {
            throw new java.util.concurrent.RejectedExecutionException("shut down");
        }
        Task task = new Task(now + unit.toMillis(Math.max(delay, 0)), sequence++, command);
        tasks.add(task);
        return task;
    }

    @Override
    public <V> ScheduledFuture<V> schedule(Callable<V> callable, long delay, TimeUnit unit) {
        throw new UnsupportedOperationException();
    }

    @Override
    public ScheduledFuture<?> scheduleAtFixedRate(Runnable command, long initialDelay, long period, TimeUnit unit) {
        throw new UnsupportedOperationException();
    }

    @Override
    public ScheduledFuture<?> scheduleWithFixedDelay(Runnable command, long initialDelay, long delay, TimeUnit unit) {
        throw new UnsupportedOperationException();
    }

    @Override
    public void shutdown() {
        shutdown = true;
    }

    @Override
    public List<Runnable> shutdownNow() {
        shutdown = true;
        List<Runnable> pending = new ArrayList<>();
        tasks.forEach(t -> pending.add(t.command));
        tasks.clear();
        return pending;
    }

    @Override
    public boolean isShutdown() {
        return shutdown;
    }

    @Override
    public boolean isTerminated() {
        return shutdown && tasks.isEmpty();
    }

    @Override
    public boolean awaitTermination(long timeout, TimeUnit unit) {
        return isTerminated();
    }

    private final class Task implements ScheduledFuture<Object> {
        private final long at;
        private final long order;
        private final Runnable command;
        private boolean cancelled;

        private Task(long at, long order, Runnable command) {
            this.at = at;
            this.order = order;
            this.command = command;
        }

        @Override
        public long getDelay(TimeUnit unit) {
            return unit.convert(at - now, TimeUnit.MILLISECONDS);
        }

        @Override
        public int compareTo(Delayed other) {
            return Long.compare(getDelay(TimeUnit.MILLISECONDS), other.getDelay(TimeUnit.MILLISECONDS));
        }

        @Override
        public boolean cancel(boolean mayInterruptIfRunning) {
            cancelled = true;
            return tasks.remove(this);
        }

        @Override
        public boolean isCancelled() {
            return cancelled;
        }

        @Override
        public boolean isDone() {
            return cancelled || !tasks.contains(this);
        }

        @Override
        public Object get() {
            return null;
        }

        @Override
        public Object get(long timeout, TimeUnit unit) {
            return null;
        }
    }
}
