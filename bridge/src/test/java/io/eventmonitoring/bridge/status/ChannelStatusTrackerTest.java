package io.eventmonitoring.bridge.status;

import io.eventmonitoring.bridge.delivery.ChannelActivity;
import io.eventmonitoring.bridge.delivery.ChannelLane;
import io.eventmonitoring.bridge.outbox.Notification;
import io.eventmonitoring.bridge.outbox.TestNotifications;
import io.eventmonitoring.bridge.slack.PostResult;
import io.eventmonitoring.events.EventType;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

class ChannelStatusTrackerTest {

    private static final Instant START = Instant.parse("2026-11-29T20:00:00Z");
    private static final ChannelLane ORDER = new ChannelLane("order", null, Duration.ofSeconds(1), Optional.empty(), 3);

    private Instant now = START;
    private final ChannelStatusTracker tracker = new ChannelStatusTracker("replica-a", Set.of("order", "user"), 3,
            Duration.ofSeconds(30), new Clock() {
        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    });

    @Test
    void anOwnedChannelIsPublishedOnceThenOnlyWhenItChangesOrItsKeepaliveIsDue() {
        assertThat(tracker.due(Set.of("order"), Map.of(), c -> Optional.empty())).singleElement()
                .isEqualTo(new ChannelStatus("order", "replica-a", START, "idle", 0, null, null, List.of()));
        now = now.plusSeconds(1);
        assertThat(tracker.due(Set.of("order"), Map.of(), c -> Optional.empty())).isEmpty();

        ChannelActivity limited = new ChannelActivity(ChannelActivity.State.RATE_LIMITED, 5, now.plusSeconds(60).toEpochMilli());
        tracker.answered(ORDER, notifications(5), new PostResult.RateLimited(Duration.ofSeconds(60)), Duration.ofMillis(40));
        List<ChannelStatus> due = tracker.due(Set.of("order"), Map.of("order", limited), c -> Optional.empty());
        assertThat(due).singleElement().satisfies(s -> {
            assertThat(s.state()).isEqualTo("rate-limited");
            assertThat(s.queued()).isEqualTo(5);
            assertThat(s.nextPostAt()).isEqualTo(now.plusSeconds(60));
            assertThat(s.lastPost()).isEqualTo(new Delivery(now, "digest", 5, "rate-limited", "429 retry after 60s", 40));
        });

        now = now.plusSeconds(29);
        assertThat(tracker.due(Set.of("order"), Map.of("order", limited), c -> Optional.empty())).isEmpty();
        now = now.plusSeconds(1);
        assertThat(tracker.due(Set.of("order"), Map.of("order", limited), c -> Optional.empty())).hasSize(1);
    }

    @Test
    void deliveriesAreTheLatestFewNewestFirst() {
        tracker.answered(ORDER, notifications(1), new PostResult.Posted(), Duration.ofMillis(10));
        tracker.answered(ORDER, notifications(2), new PostResult.Retryable("slack answered 500 oops"), Duration.ofMillis(20));
        tracker.answered(ORDER, notifications(3), new PostResult.Rejected(404, "channel_not_found"), Duration.ofMillis(30));
        tracker.answered(ORDER, notifications(4), new PostResult.Posted(), Duration.ofMillis(40));

        ChannelStatus status = tracker.due(Set.of("order"), Map.of(), c -> Optional.empty()).get(0);

        assertThat(status.deliveries()).extracting(Delivery::events).containsExactly(4, 3, 2);
        assertThat(status.deliveries()).extracting(Delivery::outcome).containsExactly("posted", "rejected", "retrying");
        assertThat(status.deliveries()).extracting(Delivery::answer)
                .containsExactly("ok", "404 channel_not_found", "slack answered 500 oops");
        assertThat(status.lastPost()).isEqualTo(status.deliveries().get(0));
    }

    @Test
    void aChannelTakenOverStartsFromThePreviousOwnersHistoryAndOneGivenAwayIsForgotten() {
        Delivery earlier = new Delivery(START.minusSeconds(60), "message", 1, "posted", "ok", 12);
        ChannelStatus previous = new ChannelStatus("order", "replica-b", START.minusSeconds(5), "idle", 0, null, earlier,
                List.of(earlier));

        assertThat(tracker.due(Set.of("order"), Map.of(), c -> Optional.of(previous))).singleElement()
                .satisfies(s -> {
                    assertThat(s.owner()).isEqualTo("replica-a");
                    assertThat(s.deliveries()).containsExactly(earlier);
                });

        tracker.answered(ORDER, notifications(1), new PostResult.Posted(), Duration.ofMillis(10));
        assertThat(tracker.due(Set.of("user"), Map.of(), c -> Optional.empty()))
                .extracting(ChannelStatus::channel).containsExactly("user");
        assertThat(tracker.due(Set.of("order", "user"), Map.of(), c -> Optional.empty())).singleElement()
                .satisfies(s -> assertThat(s.deliveries()).isEmpty());
    }

    @Test
    void aStatusThatFailedToPublishIsDueAgain() {
        tracker.due(Set.of("order"), Map.of(), c -> Optional.empty());
        tracker.unpublished("order");
        assertThat(tracker.due(Set.of("order"), Map.of(), c -> Optional.empty())).hasSize(1);
    }

    @Test
    void statusesGoThroughTheTopicAsTheyAre() {
        Delivery delivery = new Delivery(START, "digest", 7, "posted", "ok", 180);
        ChannelStatus status = new ChannelStatus("order", "replica-a", START, "waiting-for-rate", 3,
                START.plusSeconds(1), delivery, List.of(delivery));

        assertThat(StatusCodec.decode("order", StatusCodec.encode(status))).isEqualTo(status);
        assertThat(StatusCodec.encode(status)).contains("\"version\":1", "\"publishedAt\":\"2026-11-29T20:00:00Z\"");
    }

    private static List<Notification> notifications(int count) {
        return IntStream.range(0, count)
                .mapToObj(i -> TestNotifications.notification("order", EventType.ORDER_CREATED, "e" + i)).toList();
    }
}
