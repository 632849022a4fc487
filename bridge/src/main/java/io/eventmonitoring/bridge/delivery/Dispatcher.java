package io.eventmonitoring.bridge.delivery;

import io.eventmonitoring.bridge.outbox.Notification;
import io.eventmonitoring.bridge.slack.AppChannel;
import io.eventmonitoring.bridge.slack.BotToken;
import io.eventmonitoring.bridge.slack.PostResult;
import io.eventmonitoring.bridge.slack.SlackMessage;

import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * Posts each channel's notifications at the channel's rate: the first event on an idle channel goes out at once,
 * events that arrive while the channel must wait are grouped into one digest sent as soon as it may post again.
 * A notification is acknowledged (its offset may be committed) only once a message carrying it got 200 or it
 * was dead-lettered. All channel state is confined to one thread, the executor's.
 */
public class Dispatcher {

    /** Posts and edits messages; must not fail (errors are a {@link PostResult}). */
    public interface Poster {

        /** Posts a message; on an app channel, a reply in the thread of {@code threadTs} when present. */
        CompletionStage<PostResult> post(ChannelLane channel, SlackMessage message, Optional<String> threadTs,
                                         boolean replyBroadcast);

        /** Replaces the message {@code ts} of an app channel. */
        CompletionStage<PostResult> update(ChannelLane channel, String ts, SlackMessage message);
    }

    /** Writes a notification's event to the dead-letter topic; completes when Kafka acknowledged it. */
    public interface DeadLetters {
        CompletionStage<Void> deadLetter(Notification notification, String reason);
    }

    /**
     * @param postBudget messages per minute per bot token, across the channels posting with it
     * @param editBudget edits per minute per bot token
     * @param digestEditWindow how long an app channel's digest stays open: later digests edit it instead of posting
     */
    public record Settings(double slowDownFactor, double maxSlowDown, Duration initialBackoff, Duration maxBackoff,
                           Duration giveUpAfter, int maxQueued, int dedupCapacity, int postBudget, int editBudget,
                           Duration digestEditWindow) {
    }

    private record Pending(Notification notification, int partition, Runnable ack, long firstAttemptAt) {
    }

    /**
     * A message being posted: a single event (with its entity's thread, if any) or a digest; or an open digest being
     * edited to count the batch too.
     */
    private record Sending(List<Pending> batch, Optional<String> entity, Optional<String> rootTs,
                           Optional<OpenDigest> editing) {
    }

    /** A digest on an app channel that later digests edit while it is open: its ts and every event it counts. */
    private record OpenDigest(String ts, List<Notification> notifications, long openedAt) {
    }

    /** The latest state of a message to edit in place; {@code entity} when it is the root of that entity's thread. */
    private record Edit(Optional<String> entity, SlackMessage message, int failures) {
    }

    /** An edit Slack could not apply, posted as a new message: the entity's new root. */
    private record Fallback(String entity, SlackMessage message) {
    }

    /** An edit is tried this many times, then given up: the entity's next event edits its root again. */
    private static final int EDIT_ATTEMPTS = 5;

    private static final Logger LOG = Logger.getLogger(Dispatcher.class);

    private final Map<String, ChannelLane> channels;
    private final Map<String, Threading> threading;
    private final MessageRenderer renderer;
    private final Poster poster;
    private final Threads threads;
    private final DeadLetters deadLetters;
    private final DeliveryListener listener;
    private final Settings settings;
    private final ScheduledExecutorService executor;
    private final LongSupplier clock;
    private final Map<String, ChannelState> states = new HashMap<>();
    private final Map<BotToken, PerMinuteBudget> postBudgets = new IdentityHashMap<>();
    private final Map<BotToken, PerMinuteBudget> editBudgets = new IdentityHashMap<>();
    private final Deque<CompletableFuture<Void>> waitingForRoom = new ArrayDeque<>();
    private int queued;

    /** @param threading how each route's events thread on an app channel, by route name; a route not in it does not */
    public Dispatcher(Map<String, ChannelLane> channels, Map<String, Threading> threading, MessageRenderer renderer,
                      Poster poster, Threads threads, DeadLetters deadLetters, DeliveryListener listener,
                      Settings settings, ScheduledExecutorService executor, LongSupplier clock) {
        this.channels = Map.copyOf(channels);
        this.threading = Map.copyOf(threading);
        this.renderer = renderer;
        this.poster = poster;
        this.threads = threads;
        this.deadLetters = deadLetters;
        this.listener = listener;
        this.settings = settings;
        this.executor = executor;
        this.clock = clock;
    }

    /**
     * Takes the notifications of one outbox record, read from an outbox partition; {@code ack} runs once every one of
     * them is delivered or dead-lettered. The returned stage completes when the dispatcher has room for more, which
     * is how the outbox consumer is slowed down when Slack is.
     */
    public CompletionStage<Void> offer(List<Notification> notifications, int partition, Runnable ack) {
        CompletableFuture<Void> room = new CompletableFuture<>();
        // Only touched on the executor's thread, like all dispatcher state.
        int[] pending = {notifications.size()};
        Runnable ackOne = () -> {
            if (--pending[0] == 0) {
                ack.run();
            }
        };
        executor.execute(() -> {
            // A record's notifications are queued before any is posted: one record, one message per channel (a
            // digest when it holds several), so a crash before its offset is committed repeats at most that message.
            Set<ChannelState> arrived = new LinkedHashSet<>();
            notifications.forEach(n -> guarded(() -> accept(n, partition, ackOne).ifPresent(arrived::add)));
            arrived.forEach(state -> guarded(() -> pump(state)));
            if (queued < settings.maxQueued()) {
                room.complete(null);
            } else {
                waitingForRoom.add(room);
            }
        });
        return room;
    }

    /** Events waiting for their channel, for the readiness check and tests; safe from any thread. */
    public CompletionStage<Integer> queued() {
        return CompletableFuture.supplyAsync(() -> queued, executor);
    }

    /** What each channel that had notifications is doing now, for the channel status; safe from any thread. */
    public CompletionStage<Map<String, ChannelActivity>> activity() {
        return CompletableFuture.supplyAsync(() -> {
            long now = clock.getAsLong();
            Map<String, ChannelActivity> activity = new HashMap<>();
            states.values().forEach(state -> activity.put(state.name, state.activity(now)));
            return activity;
        }, executor);
    }

    /** Channels paused for their bot token, with the reason; safe from any thread. */
    public CompletionStage<Map<String, String>> paused() {
        return CompletableFuture.supplyAsync(() -> {
            Map<String, String> paused = new TreeMap<>();
            states.values().forEach(s -> s.pausedFor.ifPresent(reason -> paused.put(s.name, reason)));
            return paused;
        }, executor);
    }

    /**
     * Lets a paused channel post again (its token was replaced, or an operator says so); completes with the reason it
     * was paused for, empty when it was not paused. Its waiting events go out first, as a digest if several.
     */
    public CompletionStage<Optional<String>> resume(String channelName) {
        return CompletableFuture.supplyAsync(() -> {
            ChannelState state = states.get(channelName);
            if (state == null || state.pausedFor.isEmpty()) {
                return Optional.<String>empty();
            }
            Optional<String> reason = state.pausedFor;
            state.pausedFor = Optional.empty();
            listener.resumed(channels.get(channelName));
            guarded(() -> pump(state));
            guarded(() -> pumpEdits(state));
            return reason;
        }, executor);
    }

    /** Stops posting; what is still queued stays unacknowledged and is redelivered to the next owner. */
    public void shutdown() {
        executor.shutdownNow();
    }

    /**
     * Another replica now owns these outbox partitions: forget their waiting notifications without acknowledging
     * them, so the new owner posts them and a channel is never posted by two replicas at once. Their event ids are
     * forgotten too: the new owner may be this replica again, reading the same records, which were never posted.
     */
    public void revoke(Set<Integer> partitions) {
        executor.execute(() -> guarded(() -> {
            for (ChannelState state : states.values()) {
                int before = state.queue.size();
                state.queue.removeIf(p -> {
                    boolean revoked = partitions.contains(p.partition());
                    if (revoked) {
                        state.recentIds.remove(p.notification().eventId());
                    }
                    return revoked;
                });
                queued -= before - state.queue.size();
            }
            releaseRoom();
        }));
    }

    /** Queues a notification; returns its channel's state unless it was settled at once (duplicate, unknown channel). */
    private Optional<ChannelState> accept(Notification notification, int partition, Runnable ack) {
        ChannelState state = states.computeIfAbsent(notification.channel(), ChannelState::new);
        ChannelLane channel = channels.get(notification.channel());
        queued++;
        Pending pending = new Pending(notification, partition, ack, clock.getAsLong());
        if (channel == null) {
            // Routed before a configuration change removed the channel.
            deadLetter(new ChannelLane(notification.channel(), null, Duration.ZERO, Optional.empty(), 0), state,
                    List.of(pending), "unknown channel '" + notification.channel() + "'");
            return Optional.empty();
        }
        if (state.seen(notification.eventId())) {
            listener.duplicate(channel, notification);
            done(List.of(pending));
            return Optional.empty();
        }
        state.remember(notification.eventId());
        state.queue.add(pending);
        return Optional.of(state);
    }

    private void pump(ChannelState state) {
        if (state.inFlight || (state.queue.isEmpty() && state.fallbacks.isEmpty()) || state.pausedFor.isPresent()) {
            return;
        }
        ChannelLane channel = channels.get(state.name);
        long now = clock.getAsLong();
        boolean app = channel.token().isPresent();
        Optional<OpenDigest> open = state.fallbacks.isEmpty() && state.queue.size() > 1
                ? state.openDigest.filter(d -> now - d.openedAt() < settings.digestEditWindow().toMillis())
                : Optional.empty();
        Map<BotToken, PerMinuteBudget> budgets = open.isPresent() ? editBudgets : postBudgets;
        int perMinute = open.isPresent() ? settings.editBudget() : settings.postBudget();
        Optional<PerMinuteBudget> budget = channel.token()
                .map(token -> budgets.computeIfAbsent(token, t -> new PerMinuteBudget(perMinute)));
        long wait = Math.max(state.nextAllowedAt - now, budget.map(b -> b.waitMillis(now)).orElse(0L));
        if (app && !threads.loaded()) {
            // Until the threads written before are known, a post could start a second thread for an entity.
            wait = Math.max(wait, 100);
        }
        if (wait > 0) {
            if (!state.wakeUpScheduled) {
                state.wakeUpScheduled = true;
                executor.schedule(() -> {
                    state.wakeUpScheduled = false;
                    guarded(() -> pump(state));
                }, wait, TimeUnit.MILLISECONDS);
            }
            return;
        }
        budget.ifPresent(b -> b.spend(now));
        state.inFlight = true;
        if (!state.fallbacks.isEmpty()) {
            Fallback fallback = state.fallbacks.poll();
            poster.post(channel, fallback.message(), Optional.empty(), false).whenCompleteAsync((result, error) -> guarded(() -> {
                state.inFlight = false;
                onFallbackResult(channel, state, fallback, error != null ? failed(error) : result);
                pump(state);
            }), executor);
            return;
        }
        List<Pending> batch = new ArrayList<>(state.queue);
        state.queue.clear();
        List<Notification> notifications = batch.stream().map(Pending::notification).toList();
        Sending sending;
        SlackMessage message;
        boolean broadcast = false;
        if (notifications.size() == 1) {
            Notification notification = notifications.get(0);
            Threading routeThreading = threadingOf(channel, notification);
            Optional<String> entity = routeThreading.entity(notification);
            Optional<String> root = entity.flatMap(e -> threads.root(channel.name(), e, now));
            sending = new Sending(batch, entity, root, Optional.empty());
            if (entity.isPresent() && root.isEmpty()) {
                message = renderer.root(channel, entity.get(), notification);
            } else {
                message = renderer.single(channel, notification);
                broadcast = root.isPresent() && routeThreading.broadcast(notification);
            }
        } else if (open.isPresent()) {
            // Counts stay exact: the open digest is rendered again with every event it counts, these included.
            List<Notification> counted = new ArrayList<>(open.get().notifications());
            counted.addAll(notifications);
            sending = new Sending(batch, Optional.empty(), Optional.empty(), open);
            message = renderer.digest(channel, counted, entities(channel, counted));
        } else {
            sending = new Sending(batch, Optional.empty(), Optional.empty(), Optional.empty());
            message = renderer.digest(channel, notifications, app ? entities(channel, notifications) : List.of());
        }
        long started = System.nanoTime();
        CompletionStage<PostResult> call = open.isPresent()
                ? poster.update(channel, open.get().ts(), message)
                : poster.post(channel, message, sending.rootTs(), broadcast);
        call.whenCompleteAsync((result, error) -> guarded(() -> {
            state.inFlight = false;
            PostResult outcome = error != null ? failed(error) : result;
            onResult(channel, state, sending, outcome, Duration.ofNanos(System.nanoTime() - started));
            pump(state);
            pumpEdits(state);
        }), executor);
    }

    private Threading threadingOf(ChannelLane channel, Notification notification) {
        return channel.token().isPresent() ? threading.getOrDefault(notification.route(), Threading.NONE) : Threading.NONE;
    }

    /** The entities of a digest's threaded events, in order of arrival. */
    private List<String> entities(ChannelLane channel, List<Notification> notifications) {
        return notifications.stream().map(n -> threadingOf(channel, n).entity(n)).flatMap(Optional::stream)
                .distinct().toList();
    }

    /**
     * After a reply or a digest, each threaded entity's root shows its latest event. Edits are coalesced: an edit
     * still waiting for the edit budget is replaced by the newer state of its message.
     */
    private void editRoots(ChannelLane channel, ChannelState state, List<Notification> notifications, long now) {
        Map<String, Notification> latest = new LinkedHashMap<>();
        for (Notification n : notifications) {
            threadingOf(channel, n).entity(n).ifPresent(entity -> latest.put(entity, n));
        }
        latest.forEach((entity, notification) -> threads.root(channel.name(), entity, now).ifPresent(ts ->
                state.edits.put(ts, new Edit(Optional.of(entity), renderer.root(channel, entity, notification), 0))));
    }

    private void pumpEdits(ChannelState state) {
        // Root edits yield the edit budget to the open digest's edits, which carry events; they go on after it.
        if (state.editInFlight || state.edits.isEmpty() || state.pausedFor.isPresent()
                || (state.queue.size() > 1 && state.openDigest.isPresent())) {
            return;
        }
        ChannelLane channel = channels.get(state.name);
        long now = clock.getAsLong();
        PerMinuteBudget budget = editBudgets.computeIfAbsent(channel.token().orElseThrow(),
                t -> new PerMinuteBudget(settings.editBudget()));
        long wait = Math.max(state.editNextAllowedAt - now, budget.waitMillis(now));
        if (wait > 0) {
            if (!state.editWakeUpScheduled) {
                state.editWakeUpScheduled = true;
                executor.schedule(() -> {
                    state.editWakeUpScheduled = false;
                    guarded(() -> pumpEdits(state));
                }, wait, TimeUnit.MILLISECONDS);
            }
            return;
        }
        Iterator<Map.Entry<String, Edit>> first = state.edits.entrySet().iterator();
        Map.Entry<String, Edit> next = first.next();
        first.remove();
        String ts = next.getKey();
        Edit edit = next.getValue();
        budget.spend(now);
        state.editInFlight = true;
        poster.update(channel, ts, edit.message()).whenCompleteAsync((result, error) -> guarded(() -> {
            state.editInFlight = false;
            onEditResult(channel, state, ts, edit, error != null ? failed(error) : result);
            pumpEdits(state);
            pump(state);
        }), executor);
    }

    private void onEditResult(ChannelLane channel, ChannelState state, String ts, Edit edit, PostResult result) {
        long now = clock.getAsLong();
        if (result instanceof PostResult.RateLimited limited) {
            state.editNextAllowedAt = now + limited.retryAfter().toMillis();
            listener.rateLimited(channel, limited.retryAfter());
            state.edits.putIfAbsent(ts, edit);
        } else if (result instanceof PostResult.Retryable retryable) {
            if (edit.failures() + 1 < EDIT_ATTEMPTS) {
                state.editNextAllowedAt = now + backoff(edit.failures() + 1);
                state.edits.putIfAbsent(ts, new Edit(edit.entity(), edit.message(), edit.failures() + 1));
            } else {
                LOG.warnf("giving up an edit on channel %s after %d attempts: %s", channel.name(), EDIT_ATTEMPTS,
                        retryable.reason());
            }
        } else if (result instanceof PostResult.Paused paused) {
            state.pausedFor = Optional.of(paused.reason());
            listener.paused(channel, paused.reason());
            state.edits.putIfAbsent(ts, edit);
        } else if (result instanceof PostResult.NotEditable notEditable) {
            // The update is not lost: the latest state is posted as a new message, the entity's new root.
            LOG.infof("channel %s cannot edit a message (%s): posting its latest state anew", channel.name(),
                    notEditable.reason());
            edit.entity().ifPresent(entity -> {
                threads.forget(channel.name(), entity);
                state.fallbacks.add(new Fallback(entity, edit.message()));
            });
        } else if (result instanceof PostResult.Rejected rejected) {
            LOG.warnf("slack refused an edit on channel %s: %d %s", channel.name(), rejected.status(), rejected.reason());
        }
    }

    private void onFallbackResult(ChannelLane channel, ChannelState state, Fallback fallback, PostResult result) {
        long now = clock.getAsLong();
        if (result instanceof PostResult.Posted posted) {
            state.nextAllowedAt = now + state.interval(channel);
            posted.ts().ifPresent(ts -> threads.remember(channel.name(), fallback.entity(),
                    ((AppChannel) channel.destination()).channelId(), ts, now));
        } else if (result instanceof PostResult.RateLimited limited) {
            state.nextAllowedAt = now + Math.max(limited.retryAfter().toMillis(), state.interval(channel));
            listener.rateLimited(channel, limited.retryAfter());
            state.fallbacks.addFirst(fallback);
        } else if (result instanceof PostResult.Retryable retryable) {
            state.nextAllowedAt = now + backoff(1);
            listener.retrying(channel, retryable.reason(), Duration.ofMillis(state.nextAllowedAt - now));
            state.fallbacks.addFirst(fallback);
        } else if (result instanceof PostResult.Paused paused) {
            state.pausedFor = Optional.of(paused.reason());
            listener.paused(channel, paused.reason());
            state.fallbacks.addFirst(fallback);
        } else {
            state.nextAllowedAt = now + state.interval(channel);
            LOG.warnf("slack refused the new root of %s on channel %s: %s", fallback.entity(), channel.name(), result);
        }
    }

    private static PostResult failed(Throwable error) {
        return new PostResult.Retryable("post failed: " + error.getClass().getSimpleName());
    }

    private void onResult(ChannelLane channel, ChannelState state, Sending sending, PostResult result, Duration latency) {
        long now = clock.getAsLong();
        List<Pending> batch = sending.batch();
        listener.answered(channel, notifications(batch), result, latency);
        if (result instanceof PostResult.Posted posted) {
            state.waiting = ChannelActivity.State.WAITING_FOR_RATE;
            state.failures = 0;
            state.slowDown = Math.max(1.0, state.slowDown / settings.slowDownFactor());
            state.nextAllowedAt = now + state.interval(channel);
            listener.delivered(channel, notifications(batch), latency);
            done(batch);
            if (sending.editing().isPresent()) {
                OpenDigest edited = sending.editing().get();
                List<Notification> counted = new ArrayList<>(edited.notifications());
                counted.addAll(notifications(batch));
                state.openDigest = Optional.of(new OpenDigest(edited.ts(), List.copyOf(counted), edited.openedAt()));
            } else if (batch.size() > 1 && channel.token().isPresent()) {
                state.openDigest = posted.ts().map(ts -> new OpenDigest(ts, notifications(batch), now));
            }
            if (sending.entity().isPresent() && sending.rootTs().isEmpty()) {
                // A crash before this write is on Kafka costs the entity one extra root, no more.
                posted.ts().ifPresent(ts -> threads.remember(channel.name(), sending.entity().get(),
                        ((AppChannel) channel.destination()).channelId(), ts, now));
            } else if (channel.token().isPresent()) {
                editRoots(channel, state, notifications(batch), now);
            }
        } else if (result instanceof PostResult.RateLimited limited) {
            state.waiting = ChannelActivity.State.RATE_LIMITED;
            state.slowDown = Math.min(settings.maxSlowDown(), state.slowDown * settings.slowDownFactor());
            state.nextAllowedAt = now + Math.max(limited.retryAfter().toMillis(), state.interval(channel));
            listener.rateLimited(channel, limited.retryAfter());
            requeue(state, batch);
        } else if (result instanceof PostResult.Retryable retryable) {
            state.waiting = ChannelActivity.State.BACKING_OFF;
            state.failures++;
            List<Pending> expired = new ArrayList<>();
            List<Pending> retry = new ArrayList<>();
            for (Pending pending : batch) {
                (now - pending.firstAttemptAt() >= settings.giveUpAfter().toMillis() ? expired : retry).add(pending);
            }
            if (!expired.isEmpty()) {
                deadLetter(channel, state, expired,
                        "slack unreachable for " + settings.giveUpAfter().toSeconds() + "s: " + retryable.reason());
            }
            long backoff = backoff(state.failures);
            state.nextAllowedAt = now + backoff;
            listener.retrying(channel, retryable.reason(), Duration.ofMillis(backoff));
            requeue(state, retry);
        } else if (result instanceof PostResult.Rejected rejected) {
            state.waiting = ChannelActivity.State.WAITING_FOR_RATE;
            state.nextAllowedAt = now + state.interval(channel);
            deadLetter(channel, state, batch, "slack " + rejected.status() + " " + rejected.reason());
        } else if (result instanceof PostResult.Paused paused) {
            // The token's fault, not the events': they wait, unacknowledged, however long the pause lasts.
            state.pausedFor = Optional.of(paused.reason());
            listener.paused(channel, paused.reason());
            requeue(state, batch.stream().map(p -> new Pending(p.notification(), p.partition(), p.ack(), now)).toList());
        } else if (result instanceof PostResult.NotEditable notEditable) {
            // The open digest cannot be edited: its events go out in a new message instead.
            LOG.infof("channel %s cannot edit its digest (%s): posting a new one", channel.name(), notEditable.reason());
            state.openDigest = Optional.empty();
            requeue(state, batch);
        }
    }

    /** A bug must not silently stop a channel: log it; the events stay unacknowledged and are redelivered. */
    private static void guarded(Runnable step) {
        try {
            step.run();
        } catch (RuntimeException e) {
            LOG.errorf(e, "delivery step failed");
        }
    }

    private void requeue(ChannelState state, List<Pending> batch) {
        for (int i = batch.size() - 1; i >= 0; i--) {
            state.queue.addFirst(batch.get(i));
        }
    }

    private void deadLetter(ChannelLane channel, ChannelState state, List<Pending> pendings, String reason) {
        listener.deadLettered(channel, notifications(pendings), reason);
        // A dead-lettered event may be replayed later: it must not look like a duplicate then.
        pendings.forEach(p -> state.recentIds.remove(p.notification().eventId()));
        List<CompletableFuture<Void>> writes = pendings.stream()
                .map(p -> deadLetters.deadLetter(p.notification(), reason).toCompletableFuture())
                .toList();
        // Only what Kafka took may be acknowledged; a failed dead-letter write leaves its offset uncommitted.
        CompletableFuture.allOf(writes.toArray(CompletableFuture[]::new))
                .whenCompleteAsync((ignored, error) -> {
                    for (int i = 0; i < pendings.size(); i++) {
                        if (!writes.get(i).isCompletedExceptionally()) {
                            done(List.of(pendings.get(i)));
                        }
                    }
                }, executor);
    }

    private void done(List<Pending> batch) {
        batch.forEach(p -> p.ack().run());
        queued -= batch.size();
        releaseRoom();
    }

    private void releaseRoom() {
        Iterator<CompletableFuture<Void>> waiting = waitingForRoom.iterator();
        while (queued < settings.maxQueued() && waiting.hasNext()) {
            waiting.next().complete(null);
            waiting.remove();
        }
    }

    private long backoff(int failures) {
        long base = settings.initialBackoff().toMillis() << Math.min(failures - 1, 20);
        long capped = Math.min(base, settings.maxBackoff().toMillis());
        return capped / 2 + ThreadLocalRandom.current().nextLong(capped / 2 + 1);
    }

    private static List<Notification> notifications(List<Pending> pendings) {
        return pendings.stream().map(Pending::notification).toList();
    }

    private final class ChannelState {
        private final String name;
        private final Deque<Pending> queue = new ArrayDeque<>();
        private final LinkedHashSet<String> recentIds = new LinkedHashSet<>();
        private boolean inFlight;
        private boolean wakeUpScheduled;
        private long nextAllowedAt;
        private double slowDown = 1.0;
        private int failures;
        private Optional<String> pausedFor = Optional.empty();
        private Optional<OpenDigest> openDigest = Optional.empty();
        private final Deque<Fallback> fallbacks = new ArrayDeque<>();
        private final LinkedHashMap<String, Edit> edits = new LinkedHashMap<>();
        private boolean editInFlight;
        private boolean editWakeUpScheduled;
        private long editNextAllowedAt;
        /** Why queued events wait for {@link #nextAllowedAt}: the last answer Slack gave. */
        private ChannelActivity.State waiting = ChannelActivity.State.WAITING_FOR_RATE;

        private ChannelState(String name) {
            this.name = name;
        }

        private ChannelActivity activity(long now) {
            ChannelActivity.State current = pausedFor.isPresent() ? ChannelActivity.State.PAUSED
                    : inFlight ? ChannelActivity.State.SENDING
                    : queue.isEmpty() ? ChannelActivity.State.IDLE
                    : nextAllowedAt > now ? waiting : ChannelActivity.State.SENDING;
            return new ChannelActivity(current, queue.size(), nextAllowedAt);
        }

        private long interval(ChannelLane channel) {
            return Math.round(channel.minInterval().toMillis() * slowDown);
        }

        private boolean seen(String eventId) {
            return recentIds.contains(eventId);
        }

        private void remember(String eventId) {
            recentIds.add(eventId);
            if (recentIds.size() > settings.dedupCapacity()) {
                Iterator<String> oldest = recentIds.iterator();
                oldest.next();
                oldest.remove();
            }
        }
    }
}
