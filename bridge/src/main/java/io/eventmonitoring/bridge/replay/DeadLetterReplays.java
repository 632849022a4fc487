package io.eventmonitoring.bridge.replay;

import io.eventmonitoring.bridge.dlq.DeadLetter;
import io.eventmonitoring.bridge.dlq.DeadLetterFilter;
import io.eventmonitoring.bridge.dlq.DeadLetterPublisher;
import io.eventmonitoring.bridge.dlq.DeadLetterReader;
import io.eventmonitoring.bridge.dlq.ReplayMarks;
import io.eventmonitoring.bridge.outbox.OutboxWriter;
import io.eventmonitoring.bridge.routing.Route;
import io.eventmonitoring.bridge.routing.RouteNotifications;
import io.eventmonitoring.bridge.routing.Router;
import io.eventmonitoring.events.CloudEvent;
import io.eventmonitoring.events.CloudEventCodec;
import io.eventmonitoring.events.Topics;
import io.quarkus.runtime.ShutdownEvent;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Replays dead letters, one or all that match a filter, each at most once ({@link ReplayMarks}). A bulk replay of
 * more than {@link #INLINE} dead letters runs in the background, one job at a time, with its progress to read.
 */
@ApplicationScoped
public class DeadLetterReplays {

    /** Up to this many, a bulk replay is done before the request is answered. */
    static final int INLINE = 100;
    /** Finished jobs kept for their progress to be read. */
    private static final int JOBS_KEPT = 100;
    private static final Duration REPLAY_TIMEOUT = Duration.ofSeconds(15);
    private static final Logger LOG = Logger.getLogger(DeadLetterReplays.class);

    private final DeadLetterReader reader;
    private final ReplayMarks marks;
    private final Router router;
    private final RouteNotifications routeNotifications;
    private final OutboxWriter outbox;
    private final Map<String, Job> jobs = new ConcurrentHashMap<>();
    private final ExecutorService background = Executors.newSingleThreadExecutor(r -> new Thread(r, "bridge-dead-letter-replays"));

    DeadLetterReplays(DeadLetterReader reader, ReplayMarks marks, Router router, RouteNotifications routeNotifications,
                      OutboxWriter outbox) {
        this.reader = reader;
        this.marks = marks;
        this.router = router;
        this.routeNotifications = routeNotifications;
        this.outbox = outbox;
    }

    void stop(@Observes ShutdownEvent ignored) {
        background.shutdownNow();
    }

    public enum State { RUNNING, DONE }

    /**
     * A bulk replay's progress: {@code matched} dead letters (not replayed before) matched the filter; each ends up
     * replayed, already replayed (by a request meanwhile) or failed.
     */
    public static final class Job {
        private final String id;
        private final Instant startedAt;
        private final int matched;
        private final AtomicInteger replayed = new AtomicInteger();
        private final AtomicInteger alreadyReplayed = new AtomicInteger();
        private final AtomicInteger failed = new AtomicInteger();
        private volatile String lastError;
        private volatile Instant finishedAt;

        Job(String id, Instant startedAt, int matched) {
            this.id = id;
            this.startedAt = startedAt;
            this.matched = matched;
        }

        public View view() {
            return new View(id, finishedAt == null ? State.RUNNING : State.DONE, matched, replayed.get(),
                    alreadyReplayed.get(), failed.get(), lastError, startedAt, finishedAt);
        }
    }

    public record View(String id, State state, int matched, int replayed, int alreadyReplayed, int failed,
                       String lastError, Instant startedAt, Instant finishedAt) {
    }

    /** Replays one dead letter, or says that it was replayed before. Returns the channels it went to. */
    public List<String> replayOne(DeadLetter letter) {
        marks.whenLoaded().await().atMost(REPLAY_TIMEOUT);
        if (!marks.mark(letter.partition(), letter.offset()).await().atMost(REPLAY_TIMEOUT)) {
            throw new AlreadyReplayedException(letter.partition(), letter.offset(),
                    marks.replayedAt(letter.partition(), letter.offset()).orElse(null));
        }
        try {
            return sendAgain(letter).await().atMost(REPLAY_TIMEOUT);
        } catch (RuntimeException e) {
            marks.unmark(letter.partition(), letter.offset()).await().atMost(REPLAY_TIMEOUT);
            throw e;
        }
    }

    /**
     * Sends a dead letter through again, once its cause is fixed: a delivery failure goes back to its channel, anything
     * else is routed anew. Returns the channels it went to.
     */
    private Uni<List<String>> sendAgain(DeadLetter letter) {
        CloudEvent event = CloudEventCodec.decode(letter.value());
        List<Route> routes;
        if (DeadLetterPublisher.CAUSE_DELIVERY.equals(letter.cause()) && letter.channel() != null) {
            routes = List.of(router.routes().stream()
                    .filter(r -> r.name().equals(letter.route()) && r.channel().equals(letter.channel()))
                    .findFirst()
                    .orElse(new Route(letter.route(), letter.channel(), Optional.empty(), List.of(),
                            Set.of(), Map.of(), false)));
        } else {
            routes = router.routesFor(event);
            if (routes.isEmpty()) {
                throw new IllegalArgumentException("still no route matches domain '" + event.domain() + "' type '"
                        + event.type() + "'");
            }
        }
        List<Uni<Void>> writes = outbox.publish(routeNotifications.notifications(event, routes, letter.key(), letter.value(),
                Topics.BUSINESS_EVENTS_DLQ, letter.partition(), letter.offset()));
        List<String> channels = routes.stream().map(Route::channel).distinct().toList();
        return writes.isEmpty() ? Uni.createFrom().item(List.of())
                : Uni.join().all(writes).andFailFast().replaceWith(channels);
    }

    /** Finds what the filter matches and replays it, here and now when it is little, else in the background. */
    public View replayAll(DeadLetterFilter filter) {
        Set<String> matched = new HashSet<>();
        reader.forEach(filter.notReplayed(), letter -> matched.add(letter.partition() + ":" + letter.offset()));
        Job job = new Job(UUID.randomUUID().toString(), Instant.now(), matched.size());
        keep(job);
        if (matched.size() <= INLINE) {
            run(job, filter, matched);
        } else {
            background.execute(() -> run(job, filter, matched));
        }
        return job.view();
    }

    public Optional<View> job(String id) {
        return Optional.ofNullable(jobs.get(id)).map(Job::view);
    }

    public List<View> jobs() {
        return jobs.values().stream().map(Job::view)
                .sorted((a, b) -> b.startedAt().compareTo(a.startedAt())).toList();
    }

    /**
     * Reads the matches again, in order, rather than holding their values: a large set may not fit in memory. Only
     * those counted are replayed, not dead letters that arrived since.
     */
    private void run(Job job, DeadLetterFilter filter, Set<String> matched) {
        try {
            reader.forEach(filter, letter -> {
                if (!matched.contains(letter.partition() + ":" + letter.offset())) {
                    return;
                }
                try {
                    replayOne(letter);
                    job.replayed.incrementAndGet();
                } catch (AlreadyReplayedException e) {
                    job.alreadyReplayed.incrementAndGet();
                } catch (RuntimeException e) {
                    job.failed.incrementAndGet();
                    job.lastError = "partition " + letter.partition() + " offset " + letter.offset() + ": " + e.getMessage();
                }
            });
        } catch (RuntimeException e) {
            job.lastError = "reading the dead letters failed: " + e.getMessage();
            LOG.errorf(e, "bulk replay %s stopped", job.id);
        } finally {
            job.finishedAt = Instant.now();
            LOG.infof("bulk replay %s: %s", job.id, job.view());
        }
    }

    private void keep(Job job) {
        jobs.put(job.id, job);
        if (jobs.size() > JOBS_KEPT) {
            jobs.values().stream().filter(j -> j.finishedAt != null).min((a, b) -> a.startedAt.compareTo(b.startedAt))
                    .ifPresent(oldest -> jobs.remove(oldest.id));
        }
    }

    /** The dead letter was replayed before: replaying it again would post its events twice. */
    public static class AlreadyReplayedException extends RuntimeException {
        AlreadyReplayedException(int partition, long offset, Instant at) {
            super("the dead letter at partition " + partition + " offset " + offset + " was replayed"
                    + (at == null ? "" : " at " + at));
        }
    }
}
