package io.eventmonitoring.local;

import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Future;
import java.util.concurrent.FutureTask;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/** The supervisor on a clock and a scheduler the test moves by hand: no sleeps, no threads. */
class SupervisorTest {

    private final ManualClock clock = new ManualClock(Instant.parse("2026-11-29T10:00:00Z"));
    private final ManualScheduler scheduler = new ManualScheduler();
    private final Supervisor supervisor = new Supervisor(Backoff.SERVICES, clock, scheduler);
    private final AtomicInteger restarts = new AtomicInteger();

    @Test
    void aServiceThatKeepsExitingWaitsTwiceAsLongEachTimeUpToTheMax() {
        List<Duration> pauses = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            pauses.add(exitAfter(Duration.ofSeconds(5)).orElseThrow());
            clock.advance(pauses.get(i));
            scheduler.runAll();
        }

        assertThat(pauses).extracting(Duration::toSeconds).containsExactly(1L, 2L, 4L, 8L, 16L, 30L, 30L);
        assertThat(scheduler.delays).isEqualTo(pauses);
        assertThat(restarts).hasValue(7);
    }

    @Test
    void aServiceThatStayedUpLongEnoughIsRestartedAfterTheInitialPauseAgain() {
        exitAfter(Duration.ofSeconds(5));
        scheduler.runAll();
        exitAfter(Duration.ofSeconds(5));
        scheduler.runAll();
        assertThat(exitAfter(Duration.ofSeconds(5))).contains(Duration.ofSeconds(4));
        scheduler.runAll();

        assertThat(exitAfter(Duration.ofMinutes(2))).contains(Duration.ofSeconds(1));
        scheduler.runAll();
        assertThat(exitAfter(Duration.ofSeconds(5))).contains(Duration.ofSeconds(2));
    }

    @Test
    void oneRestartAtATimePerProcessAndEachProcessBacksOffOnItsOwn() {
        assertThat(exitAfter(Duration.ofSeconds(5))).contains(Duration.ofSeconds(1));
        assertThat(exitAfter(Duration.ofSeconds(5))).as("the same exit seen twice").isEmpty();
        assertThat(supervisor.exited("domain-order", clock.instant(), restarts::incrementAndGet))
                .contains(Duration.ofSeconds(1));
        assertThat(supervisor.isPending("bridge")).isTrue();

        scheduler.runAll();

        assertThat(restarts).hasValue(2);
        assertThat(supervisor.isPending("bridge")).isFalse();
    }

    @Test
    void aRestartByHandCancelsThePendingOneAndNothingIsRestartedOnceClosed() {
        exitAfter(Duration.ofSeconds(5));
        Future<?> pending = scheduler.tasks.get(0);

        supervisor.cancel("bridge");

        assertThat(pending.isCancelled()).isTrue();
        assertThat(supervisor.isPending("bridge")).isFalse();
        exitAfter(Duration.ofSeconds(5));
        supervisor.close();
        assertThat(scheduler.tasks).allMatch(Future::isCancelled);
        assertThat(scheduler.closed).isTrue();
        assertThat(exitAfter(Duration.ofSeconds(5))).isEmpty();
        scheduler.runAll();
        assertThat(restarts).hasValue(0);
    }

    private Optional<Duration> exitAfter(Duration uptime) {
        return supervisor.exited("bridge", clock.instant().minus(uptime), restarts::incrementAndGet);
    }

    private static final class ManualClock extends Clock {

        private Instant now;

        ManualClock(Instant now) {
            this.now = now;
        }

        void advance(Duration duration) {
            now = now.plus(duration);
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            throw new UnsupportedOperationException();
        }
    }

    /** Keeps what is scheduled; the test runs it when it decides the pause is over. */
    private static final class ManualScheduler implements Supervisor.Scheduler {

        final List<FutureTask<?>> tasks = new ArrayList<>();
        final List<Duration> delays = new ArrayList<>();
        boolean closed;

        @Override
        public Future<?> schedule(Duration delay, Runnable task) {
            FutureTask<?> future = new FutureTask<>(task, null);
            tasks.add(future);
            delays.add(delay);
            return future;
        }

        void runAll() {
            List.copyOf(tasks).forEach(FutureTask::run);
        }

        @Override
        public void close() {
            closed = true;
        }
    }
}
