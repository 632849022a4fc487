package io.eventmonitoring.bridge.delivery;

import io.eventmonitoring.bridge.outbox.Notification;
import io.eventmonitoring.bridge.outbox.TestNotifications;
import io.eventmonitoring.bridge.slack.PostResult;
import io.eventmonitoring.bridge.slack.SlackMessage;
import io.eventmonitoring.events.EventType;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class DispatcherTest {

    private static final Duration INTERVAL = Duration.ofMillis(300);
    private static final Pattern DIGEST_COUNT = Pattern.compile("^(\\d+) events on");

    private final ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor();
    private final ChannelLane channel = TestChannels.channel("order", INTERVAL);
    private final FakeSlack slack = new FakeSlack();
    private final List<String> deadLettered = Collections.synchronizedList(new ArrayList<>());
    private final Set<String> acked = ConcurrentHashMap.newKeySet();
    private final AtomicInteger ackCalls = new AtomicInteger();

    private Dispatcher dispatcher(Duration giveUpAfter, int maxQueued) {
        return new Dispatcher(Map.of("order", channel), TestChannels.renderer(), slack,
                (notification, reason) -> {
                    deadLettered.add(notification.eventId() + " " + reason);
                    return CompletableFuture.completedFuture(null);
                },
                new NoOpListener(),
                new Dispatcher.Settings(2, 8, Duration.ofMillis(100), Duration.ofMillis(400), giveUpAfter, maxQueued, 1000),
                executor, System::currentTimeMillis);
    }

    @AfterEach
    void stop() {
        executor.shutdownNow();
    }

    @Test
    void aBurstIsOneImmediatePostThenDigestsAtTheChannelRateAndEveryEventIsAccounted() {
        Dispatcher dispatcher = dispatcher(Duration.ofMinutes(1), 10_000);
        int events = 500;
        for (int i = 0; i < events; i++) {
            offer(dispatcher, TestNotifications.notification("order", EventType.ORDER_CREATED, "e" + i));
        }

        await().atMost(Duration.ofSeconds(10)).until(() -> acked.size() == events);
        assertThat(slack.posts.get(0).message().text()).contains("e0");
        assertThat(slack.eventsAccountedFor()).isEqualTo(events);
        assertThat(slack.minimumGapMillis()).isGreaterThanOrEqualTo(INTERVAL.toMillis() - 5);
        assertThat(slack.posts.size()).isLessThan(events / 10);
        assertThat(ackCalls.get()).isEqualTo(events);
    }

    @Test
    void aRecordOfSeveralEventsOnAnIdleChannelIsOneDigestPostedAtOnceAndAckedOnce() {
        Dispatcher dispatcher = dispatcher(Duration.ofMinutes(1), 10_000);
        List<Notification> record = List.of(TestNotifications.notification("order", EventType.ORDER_CREATED, "r1"),
                TestNotifications.notification("order", EventType.ORDER_CREATED, "r2"),
                TestNotifications.notification("order", EventType.ORDER_CANCELLED, "r3"));

        dispatcher.offer(record, 0, ackCalls::incrementAndGet);

        await().atMost(Duration.ofSeconds(5)).until(() -> ackCalls.get() == 1);
        assertThat(slack.posts).hasSize(1);
        assertThat(slack.posts.get(0).message().text()).startsWith("3 events on #order");
        assertThat(slack.eventsAccountedFor()).isEqualTo(3);
    }

    @Test
    void rateLimitedPostsWaitRetryAfterAndAreNeverFailures() {
        Dispatcher dispatcher = dispatcher(Duration.ofMinutes(1), 10_000);
        slack.script.add(new PostResult.RateLimited(Duration.ofSeconds(1)));
        slack.script.add(new PostResult.RateLimited(Duration.ofSeconds(1)));

        offer(dispatcher, TestNotifications.notification("order", EventType.ORDER_CREATED, "limited"));

        await().atMost(Duration.ofSeconds(10)).until(() -> acked.size() == 1);
        assertThat(slack.attempts).hasSize(3);
        assertThat(slack.attempts.get(1) - slack.attempts.get(0)).isGreaterThanOrEqualTo(990);
        assertThat(slack.attempts.get(2) - slack.attempts.get(1)).isGreaterThanOrEqualTo(990);
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

        await().atMost(Duration.ofSeconds(10)).until(() -> acked.size() == 1);
        assertThat(slack.attempts).hasSize(5);
        assertThat(deadLettered).isEmpty();
    }

    @Test
    void retriesGiveUpAfterTheBoundAndDeadLetterWithTheReason() {
        Dispatcher dispatcher = dispatcher(Duration.ofMillis(800), 10_000);
        slack.alwaysAnswer = new PostResult.Retryable("slack answered 500");
        Notification notification = TestNotifications.notification("order", EventType.ORDER_CREATED, "doomed");

        offer(dispatcher, notification);

        await().atMost(Duration.ofSeconds(10)).until(() -> acked.size() == 1);
        assertThat(deadLettered).containsExactly(notification.eventId() + " slack unreachable for 0s: slack answered 500");
        assertThat(slack.posts).isEmpty();
    }

    @Test
    void rejectedMessagesAreDeadLetteredAtOnce() {
        Dispatcher dispatcher = dispatcher(Duration.ofMinutes(1), 10_000);
        slack.script.add(new PostResult.Rejected(404, "channel_not_found"));
        Notification notification = TestNotifications.notification("order", EventType.ORDER_CREATED, "gone");

        offer(dispatcher, notification);

        await().atMost(Duration.ofSeconds(5)).until(() -> acked.size() == 1);
        assertThat(slack.attempts).hasSize(1);
        assertThat(deadLettered).containsExactly(notification.eventId() + " slack 404 channel_not_found");
    }

    @Test
    void aRedeliveredEventIsNotPostedTwice() {
        Dispatcher dispatcher = dispatcher(Duration.ofMinutes(1), 10_000);
        Notification notification = TestNotifications.notification("order", EventType.ORDER_CREATED, "once");

        offer(dispatcher, notification);
        await().atMost(Duration.ofSeconds(5)).until(() -> slack.posts.size() == 1);
        offer(dispatcher, notification);

        await().atMost(Duration.ofSeconds(5)).until(() -> ackCalls.get() == 2);
        assertThat(slack.posts).hasSize(1);
    }

    @Test
    void aFullQueueHoldsTheConsumerBackUntilThereIsRoom() {
        Dispatcher dispatcher = dispatcher(Duration.ofMinutes(1), 2);
        CompletionStage<Void> first = offer(dispatcher, TestNotifications.notification("order", EventType.ORDER_CREATED, "a"));
        await().atMost(Duration.ofSeconds(5)).until(() -> acked.size() == 1);
        offer(dispatcher, TestNotifications.notification("order", EventType.ORDER_CREATED, "b"));
        CompletionStage<Void> third = offer(dispatcher, TestNotifications.notification("order", EventType.ORDER_CREATED, "c"));

        assertThat(first.toCompletableFuture()).isDone();
        await().during(Duration.ofMillis(100)).atMost(Duration.ofSeconds(1))
                .until(() -> !third.toCompletableFuture().isDone() || acked.size() > 1);
        await().atMost(Duration.ofSeconds(5)).until(() -> third.toCompletableFuture().isDone());
        await().atMost(Duration.ofSeconds(5)).until(() -> acked.size() == 3);
    }

    @Test
    void revokedPartitionsAreForgottenUnacknowledgedForTheirNewOwner() {
        Dispatcher dispatcher = dispatcher(Duration.ofMinutes(1), 10_000);
        offer(dispatcher, TestNotifications.notification("order", EventType.ORDER_CREATED, "first"));
        await().atMost(Duration.ofSeconds(5)).until(() -> slack.posts.size() == 1);
        Notification waiting = TestNotifications.notification("order", EventType.ORDER_CREATED, "waiting");
        offer(dispatcher, waiting);

        dispatcher.revoke(Set.of(0));

        await().pollDelay(INTERVAL.multipliedBy(2)).atMost(Duration.ofSeconds(2))
                .until(() -> dispatcher.queued().toCompletableFuture().join() == 0);
        assertThat(slack.posts).hasSize(1);
        assertThat(acked).doesNotContain(waiting.eventId());
    }

    @Test
    void anUnknownChannelIsDeadLettered() {
        Dispatcher dispatcher = dispatcher(Duration.ofMinutes(1), 10_000);
        Notification notification = TestNotifications.notification("removed", EventType.ORDER_CREATED, "x");

        offer(dispatcher, notification);

        await().atMost(Duration.ofSeconds(5)).until(() -> acked.size() == 1);
        assertThat(deadLettered).containsExactly(notification.eventId() + " unknown channel 'removed'");
    }

    private CompletionStage<Void> offer(Dispatcher dispatcher, Notification notification) {
        return dispatcher.offer(List.of(notification), 0, () -> {
            ackCalls.incrementAndGet();
            acked.add(notification.eventId());
        });
    }

    private record Post(long at, SlackMessage message) {
    }

    /** Slack as the dispatcher sees it: answers from a script, else 200. */
    private static final class FakeSlack implements Dispatcher.Poster {
        final Deque<PostResult> script = new ArrayDeque<>();
        final List<Long> attempts = Collections.synchronizedList(new ArrayList<>());
        final List<Post> posts = Collections.synchronizedList(new ArrayList<>());
        volatile PostResult alwaysAnswer;

        @Override
        public CompletionStage<PostResult> apply(ChannelLane channel, SlackMessage message) {
            long now = System.currentTimeMillis();
            attempts.add(now);
            PostResult result = alwaysAnswer != null ? alwaysAnswer
                    : script.isEmpty() ? new PostResult.Posted() : script.poll();
            if (result instanceof PostResult.Posted) {
                posts.add(new Post(now, message));
            }
            return CompletableFuture.completedFuture(result);
        }

        int eventsAccountedFor() {
            int total = 0;
            for (Post post : posts) {
                Matcher digest = DIGEST_COUNT.matcher(post.message().text());
                total += digest.find() ? Integer.parseInt(digest.group(1)) : 1;
            }
            return total;
        }

        long minimumGapMillis() {
            long min = Long.MAX_VALUE;
            for (int i = 1; i < posts.size(); i++) {
                min = Math.min(min, posts.get(i).at() - posts.get(i - 1).at());
            }
            return min;
        }
    }

    private static final class NoOpListener implements DeliveryListener {
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
    }
}
