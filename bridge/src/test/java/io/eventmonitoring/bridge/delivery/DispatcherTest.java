package io.eventmonitoring.bridge.delivery;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.eventmonitoring.bridge.match.Glob;
import io.eventmonitoring.bridge.outbox.Notification;
import io.eventmonitoring.bridge.outbox.TestNotifications;
import io.eventmonitoring.bridge.slack.BotToken;
import io.eventmonitoring.bridge.slack.PostResult;
import io.eventmonitoring.bridge.slack.SlackMessage;
import io.eventmonitoring.events.EventType;
import io.eventmonitoring.testing.SlackDigest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

import static org.assertj.core.api.Assertions.assertThat;

/** The dispatcher on a {@link ManualScheduler}: time moves only when the test moves it, and nothing waits for real. */
class DispatcherTest {

    private static final Duration INTERVAL = Duration.ofMillis(300);
    private static final Duration INITIAL_BACKOFF = Duration.ofMillis(100);
    private static final Duration MAX_BACKOFF = Duration.ofMillis(400);
    private static final Duration DIGEST_EDIT_WINDOW = Duration.ofSeconds(10);

    private final ManualScheduler scheduler = new ManualScheduler();
    private final ChannelLane channel = TestChannels.channel("order", INTERVAL);
    private final FakeSlack slack = new FakeSlack(scheduler);
    private final FakeThreads threads = new FakeThreads();
    private int editBudget = 1000;
    private final List<DeadLettered> deadLettered = new ArrayList<>();
    private final Set<String> acked = new HashSet<>();
    private final List<PostResult> answers = new ArrayList<>();
    private int ackCalls;

    private record DeadLettered(String eventId, String reason, long at) {
    }

    private Dispatcher dispatcher(Duration giveUpAfter, int maxQueued) {
        return dispatcher(Map.of("order", channel), giveUpAfter, maxQueued, 1000);
    }

    private Dispatcher dispatcher(Map<String, ChannelLane> channels, Duration giveUpAfter, int maxQueued, int postBudget) {
        return new Dispatcher(channels, Map.of("order-route", Threading.BY_KEY), TestChannels.renderer(), slack, threads,
                (notification, reason) -> {
                    deadLettered.add(new DeadLettered(notification.eventId(), reason, scheduler.millis()));
                    return CompletableFuture.completedFuture(null);
                },
                new NoOpListener() {
                    @Override
                    public void answered(ChannelLane lane, List<Notification> notifications, PostResult answer,
                                         Duration latency) {
                        answers.add(answer);
                    }
                },
                new Dispatcher.Settings(2, 8, INITIAL_BACKOFF, MAX_BACKOFF, giveUpAfter, maxQueued, 1000, postBudget,
                        editBudget, DIGEST_EDIT_WINDOW),
                scheduler, scheduler::millis);
    }

    @AfterEach
    void stop() {
        scheduler.shutdownNow();
    }

    @Test
    void aBurstIsOneImmediatePostThenDigestsAtTheChannelRateAndEveryEventIsAccounted() {
        Dispatcher dispatcher = dispatcher(Duration.ofMinutes(1), 10_000);
        int events = 500;
        Duration spacing = Duration.ofMillis(10);
        for (int i = 0; i < events; i++) {
            offer(dispatcher, TestNotifications.notification("order", EventType.ORDER_CREATED, "e" + i));
            scheduler.advance(spacing);
        }

        scheduler.advanceUntil(() -> acked.size() == events, Duration.ofSeconds(10));
        assertThat(slack.posts.get(0).at()).isZero();
        assertThat(slack.posts.get(0).message().text()).contains("e0");
        assertThat(SlackDigest.isDigest(slack.posts.get(0).message().text())).isFalse();
        assertThat(slack.eventsAccountedFor()).isEqualTo(events);
        assertThat(slack.minimumGapMillis()).isGreaterThanOrEqualTo(INTERVAL.toMillis());
        long burstMillis = spacing.toMillis() * events;
        assertThat(slack.posts).hasSizeBetween((int) (burstMillis / INTERVAL.toMillis()),
                (int) (burstMillis / INTERVAL.toMillis()) + 2);
        assertThat(ackCalls).isEqualTo(events);
    }

    @Test
    void aRecordOfSeveralEventsOnAnIdleChannelIsOneDigestPostedAtOnceAndAckedOnce() {
        Dispatcher dispatcher = dispatcher(Duration.ofMinutes(1), 10_000);
        List<Notification> record = List.of(TestNotifications.notification("order", EventType.ORDER_CREATED, "r1"),
                TestNotifications.notification("order", EventType.ORDER_CREATED, "r2"),
                TestNotifications.notification("order", EventType.ORDER_CANCELLED, "r3"));

        dispatcher.offer(record, 0, () -> ackCalls++);
        scheduler.runDue();

        assertThat(ackCalls).isEqualTo(1);
        assertThat(slack.posts).hasSize(1);
        assertThat(slack.posts.get(0).at()).isZero();
        assertThat(SlackDigest.isDigest(slack.posts.get(0).message().text())).isTrue();
        assertThat(slack.eventsAccountedFor()).isEqualTo(3);
    }

    @Test
    void rateLimitedPostsWaitRetryAfterAndAreNeverFailures() {
        Dispatcher dispatcher = dispatcher(Duration.ofMinutes(1), 10_000);
        slack.script.add(new PostResult.RateLimited(Duration.ofSeconds(1)));
        slack.script.add(new PostResult.RateLimited(Duration.ofSeconds(1)));

        offer(dispatcher, TestNotifications.notification("order", EventType.ORDER_CREATED, "limited"));

        scheduler.advanceUntil(() -> acked.size() == 1, Duration.ofSeconds(10));
        assertThat(slack.attempts).hasSize(3);
        assertThat(slack.attempts.get(1) - slack.attempts.get(0)).isGreaterThanOrEqualTo(1000);
        assertThat(slack.attempts.get(2) - slack.attempts.get(1)).isGreaterThanOrEqualTo(1000);
        assertThat(slack.posts).hasSize(1);
        assertThat(deadLettered).isEmpty();
    }

    @Test
    void serverErrorsAreRetriedWithBackoffThenDelivered() {
        Dispatcher dispatcher = dispatcher(Duration.ofMinutes(1), 10_000);
        for (int i = 0; i < 4; i++) {
            slack.script.add(new PostResult.Retryable("slack answered 503"));
        }

        offer(dispatcher, TestNotifications.notification("order", EventType.ORDER_CREATED, "flaky"));

        scheduler.advanceUntil(() -> acked.size() == 1, Duration.ofSeconds(10));
        assertThat(slack.attempts).hasSize(5);
        for (int failure = 1; failure <= 4; failure++) {
            // Doubling from the initial backoff up to the maximum, with jitter in the upper half.
            long backoff = Math.min(INITIAL_BACKOFF.toMillis() << (failure - 1), MAX_BACKOFF.toMillis());
            assertThat(slack.attempts.get(failure) - slack.attempts.get(failure - 1))
                    .isBetween(backoff / 2, backoff);
        }
        assertThat(deadLettered).isEmpty();
    }

    @Test
    void retriesGiveUpAfterTheBoundAndDeadLetter() {
        Duration giveUpAfter = Duration.ofMillis(800);
        Dispatcher dispatcher = dispatcher(giveUpAfter, 10_000);
        slack.alwaysAnswer = new PostResult.Retryable("slack answered 500");
        Notification notification = TestNotifications.notification("order", EventType.ORDER_CREATED, "doomed");

        offer(dispatcher, notification);

        scheduler.advanceUntil(() -> acked.size() == 1, Duration.ofSeconds(10));
        assertThat(deadLettered).extracting(DeadLettered::eventId).containsExactly(notification.eventId());
        assertThat(deadLettered.get(0).at()).isBetween(giveUpAfter.toMillis(),
                giveUpAfter.plus(MAX_BACKOFF).toMillis());
        assertThat(slack.attempts).hasSizeGreaterThan(2);
        assertThat(slack.posts).isEmpty();
    }

    @Test
    void rejectedMessagesAreDeadLetteredAtOnce() {
        Dispatcher dispatcher = dispatcher(Duration.ofMinutes(1), 10_000);
        slack.script.add(new PostResult.Rejected(404, "channel_not_found"));
        Notification notification = TestNotifications.notification("order", EventType.ORDER_CREATED, "gone");

        offer(dispatcher, notification);
        scheduler.runDue();

        assertThat(acked).containsExactly(notification.eventId());
        assertThat(slack.attempts).hasSize(1);
        assertThat(deadLettered).singleElement().satisfies(d -> {
            assertThat(d.eventId()).isEqualTo(notification.eventId());
            assertThat(d.at()).isZero();
            assertThat(d.reason()).contains("404", "channel_not_found");
        });
    }

    @Test
    void aRedeliveredEventIsNotPostedTwice() {
        Dispatcher dispatcher = dispatcher(Duration.ofMinutes(1), 10_000);
        Notification notification = TestNotifications.notification("order", EventType.ORDER_CREATED, "once");

        offer(dispatcher, notification);
        scheduler.runDue();
        assertThat(slack.posts).hasSize(1);
        offer(dispatcher, notification);
        scheduler.advance(INTERVAL.multipliedBy(2));

        assertThat(ackCalls).isEqualTo(2);
        assertThat(slack.posts).hasSize(1);
    }

    @Test
    void aFullQueueHoldsTheConsumerBackUntilThereIsRoom() {
        Dispatcher dispatcher = dispatcher(Duration.ofMinutes(1), 2);
        CompletionStage<Void> first = offer(dispatcher, TestNotifications.notification("order", EventType.ORDER_CREATED, "a"));
        scheduler.runDue();
        assertThat(acked).hasSize(1);
        assertThat(first.toCompletableFuture()).isDone();

        CompletionStage<Void> second = offer(dispatcher, TestNotifications.notification("order", EventType.ORDER_CREATED, "b"));
        CompletionStage<Void> third = offer(dispatcher, TestNotifications.notification("order", EventType.ORDER_CREATED, "c"));
        scheduler.runDue();
        assertThat(second.toCompletableFuture()).isDone();
        assertThat(third.toCompletableFuture()).isNotDone();

        scheduler.advance(INTERVAL);
        assertThat(third.toCompletableFuture()).isDone();
        assertThat(acked).hasSize(3);
    }

    @Test
    void revokedPartitionsAreForgottenUnacknowledgedForTheirNewOwner() {
        Dispatcher dispatcher = dispatcher(Duration.ofMinutes(1), 10_000);
        offer(dispatcher, TestNotifications.notification("order", EventType.ORDER_CREATED, "first"));
        scheduler.runDue();
        assertThat(slack.posts).hasSize(1);
        Notification waiting = TestNotifications.notification("order", EventType.ORDER_CREATED, "waiting");
        offer(dispatcher, waiting);
        scheduler.runDue();

        dispatcher.revoke(Set.of(0));
        scheduler.advance(INTERVAL.multipliedBy(2));

        CompletableFuture<Integer> queued = dispatcher.queued().toCompletableFuture();
        scheduler.runDue();
        assertThat(queued).isCompletedWithValue(0);
        assertThat(slack.posts).hasSize(1);
        assertThat(acked).doesNotContain(waiting.eventId());
    }

    @Test
    void aRevokedPartitionAssignedBackIsPostedFromItsRecordsReadAgain() {
        // Two replicas starting together: the group takes this replica's partitions and gives some of them back, and
        // the consumer reads their unacknowledged records again. They were never posted: they are no duplicates.
        Dispatcher dispatcher = dispatcher(Duration.ofMinutes(1), 10_000);
        offer(dispatcher, TestNotifications.notification("order", EventType.ORDER_CREATED, "first"));
        scheduler.runDue();
        Notification waiting = TestNotifications.notification("order", EventType.ORDER_CREATED, "waiting");
        offer(dispatcher, waiting);
        scheduler.runDue();

        dispatcher.revoke(Set.of(0));
        offer(dispatcher, waiting);
        scheduler.advanceUntil(() -> acked.contains(waiting.eventId()), Duration.ofSeconds(10));

        assertThat(slack.posts).hasSize(2);
        assertThat(slack.posts.get(1).message().text()).contains("waiting");
    }

    @Test
    void anUnknownChannelIsDeadLettered() {
        Dispatcher dispatcher = dispatcher(Duration.ofMinutes(1), 10_000);
        Notification notification = TestNotifications.notification("removed", EventType.ORDER_CREATED, "x");

        offer(dispatcher, notification);
        scheduler.runDue();

        assertThat(acked).containsExactly(notification.eventId());
        assertThat(deadLettered).singleElement().satisfies(d -> {
            assertThat(d.eventId()).isEqualTo(notification.eventId());
            assertThat(d.reason()).contains("'removed'");
        });
    }

    @Test
    void theActivityOfAChannelSaysWhatItsEventsWaitFor() {
        Dispatcher dispatcher = dispatcher(Duration.ofMinutes(1), 10_000);
        assertThat(activity(dispatcher)).isNull();

        offer(dispatcher, TestNotifications.notification("order", EventType.ORDER_CREATED, "first"));
        scheduler.runDue();
        assertThat(activity(dispatcher)).isEqualTo(new ChannelActivity(ChannelActivity.State.IDLE, 0, INTERVAL.toMillis()));

        offer(dispatcher, TestNotifications.notification("order", EventType.ORDER_CREATED, "paced"));
        scheduler.runDue();
        assertThat(activity(dispatcher)).isEqualTo(
                new ChannelActivity(ChannelActivity.State.WAITING_FOR_RATE, 1, INTERVAL.toMillis()));

        slack.script.add(new PostResult.RateLimited(Duration.ofSeconds(2)));
        scheduler.advance(INTERVAL);
        assertThat(activity(dispatcher)).isEqualTo(
                new ChannelActivity(ChannelActivity.State.RATE_LIMITED, 1, INTERVAL.toMillis() + 2000));

        slack.script.add(new PostResult.Retryable("slack answered 503"));
        scheduler.advance(Duration.ofSeconds(2));
        assertThat(activity(dispatcher).state()).isEqualTo(ChannelActivity.State.BACKING_OFF);

        scheduler.advanceUntil(() -> acked.size() == 2, Duration.ofSeconds(10));
        assertThat(activity(dispatcher).state()).isEqualTo(ChannelActivity.State.IDLE);
        assertThat(answers).hasSize(4).element(1).isInstanceOf(PostResult.RateLimited.class);
    }

    private ChannelActivity activity(Dispatcher dispatcher) {
        CompletableFuture<Map<String, ChannelActivity>> activity = dispatcher.activity().toCompletableFuture();
        scheduler.runDue();
        return activity.join().get("order");
    }

    private CompletionStage<Void> offer(Dispatcher dispatcher, Notification notification) {
        return dispatcher.offer(List.of(notification), 0, () -> {
            ackCalls++;
            acked.add(notification.eventId());
        });
    }

    private record Post(long at, SlackMessage message, Optional<String> threadTs, boolean broadcast, String ts) {
    }

    private record Edit(long at, String ts, SlackMessage message) {
    }

    /** The thread store as the dispatcher sees it, in memory. */
    private static final class FakeThreads implements Threads {
        final Map<String, String> roots = new HashMap<>();
        final List<String> forgotten = new ArrayList<>();

        @Override
        public boolean loaded() {
            return true;
        }

        @Override
        public Optional<String> root(String channel, String entity, long now) {
            return Optional.ofNullable(roots.get(channel + "|" + entity));
        }

        @Override
        public void remember(String channel, String entity, String slackChannelId, String ts, long now) {
            roots.put(channel + "|" + entity, ts);
        }

        @Override
        public void forget(String channel, String entity) {
            roots.remove(channel + "|" + entity);
            forgotten.add(entity);
        }
    }

    /** Slack as the dispatcher sees it: answers at once from a script, else 200, and notes the scheduler's time. */
    private static final class FakeSlack implements Dispatcher.Poster {
        final Deque<PostResult> script = new ArrayDeque<>();
        final List<Long> attempts = new ArrayList<>();
        final List<Post> posts = new ArrayList<>();
        final List<Edit> edits = new ArrayList<>();
        final Deque<PostResult> editScript = new ArrayDeque<>();
        private final ManualScheduler scheduler;
        private int nextTs = 1;
        PostResult alwaysAnswer;

        FakeSlack(ManualScheduler scheduler) {
            this.scheduler = scheduler;
        }

        @Override
        public CompletionStage<PostResult> post(ChannelLane channel, SlackMessage message, Optional<String> threadTs,
                                                boolean replyBroadcast) {
            long now = scheduler.millis();
            attempts.add(now);
            PostResult result = alwaysAnswer != null ? alwaysAnswer
                    : script.isEmpty() ? new PostResult.Posted(Optional.of("ts-" + nextTs++)) : script.poll();
            if (result instanceof PostResult.Posted posted) {
                posts.add(new Post(now, message, threadTs, replyBroadcast, posted.ts().orElse(null)));
            }
            return CompletableFuture.completedFuture(result);
        }

        @Override
        public CompletionStage<PostResult> update(ChannelLane channel, String ts, SlackMessage message) {
            PostResult result = editScript.isEmpty() ? new PostResult.Posted(Optional.of(ts)) : editScript.poll();
            if (result instanceof PostResult.Posted) {
                edits.add(new Edit(scheduler.millis(), ts, message));
            }
            return CompletableFuture.completedFuture(result);
        }

        int eventsAccountedFor() {
            return posts.stream().mapToInt(p -> SlackDigest.eventsIn(p.message().text())).sum();
        }

        long minimumGapMillis() {
            long min = Long.MAX_VALUE;
            for (int i = 1; i < posts.size(); i++) {
                min = Math.min(min, posts.get(i).at() - posts.get(i - 1).at());
            }
            return min;
        }
    }

    private static class NoOpListener implements DeliveryListener {
        @Override
        public void delivered(ChannelLane channel, List<Notification> notifications, Duration slackLatency) {
        }

        @Override
        public void rateLimited(ChannelLane channel, Duration retryAfter) {
        }

        @Override
        public void retrying(ChannelLane channel, String reason, Duration backoff) {
        }

        @Override
        public void deadLettered(ChannelLane channel, List<Notification> notifications, String reason) {
        }

        @Override
        public void duplicate(ChannelLane channel, Notification notification) {
        }

        @Override
        public void paused(ChannelLane channel, String reason) {
        }

        @Override
        public void resumed(ChannelLane channel) {
        }
    }
}
