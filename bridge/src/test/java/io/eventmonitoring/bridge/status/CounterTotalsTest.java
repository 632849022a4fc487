package io.eventmonitoring.bridge.status;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class CounterTotalsTest {

    private static final Instant NOW = Instant.parse("2026-11-30T01:00:00Z");
    private static final Duration LIVE_FOR = Duration.ofSeconds(60);
    private static final List<String> OUTCOMES = List.of("routed", "posted", "silenced");

    @Test
    void theRouteCountersOfTheLiveReplicasAreSummedWithTheAnsweringOnesAsOfNow() {
        ReplicaStatus own = replica("replica-a", NOW, counters("orders", "order", 3, 2));
        ReplicaStatus ownPublished = replica("replica-a", NOW.minusSeconds(1), counters("orders", "order", 1, 1));
        ReplicaStatus other = replica("replica-b", NOW.minusSeconds(20), counters("orders", "order", 10, 7),
                counters("users", "user", 4, 4));

        CounterTotals totals = CounterTotals.of(List.of(other, ownPublished), own, NOW, LIVE_FOR);

        assertThat(totals.live()).containsExactly(own, other);
        assertThat(totals.stale()).isEmpty();
        assertThat(totals.sum("orders", "order", OUTCOMES)).containsExactly(Map.entry("routed", 13L),
                Map.entry("posted", 9L), Map.entry("silenced", 0L));
        assertThat(totals.sum("users", "user", OUTCOMES)).containsEntry("routed", 4L);
        assertThat(totals.byReplica("orders", "order", OUTCOMES)).containsExactly(
                Map.entry("replica-a", Map.of("routed", 3L, "posted", 2L, "silenced", 0L)),
                Map.entry("replica-b", Map.of("routed", 10L, "posted", 7L, "silenced", 0L)));
    }

    @Test
    void aReplicaThatStoppedPublishingIsLeftOut() {
        ReplicaStatus own = replica("replica-a", NOW, counters("orders", "order", 1, 1));
        ReplicaStatus gone = replica("replica-c", NOW.minus(LIVE_FOR).minusMillis(1), counters("orders", "order", 100, 100));
        ReplicaStatus justLive = replica("replica-b", NOW.minus(LIVE_FOR), counters("orders", "order", 5, 5));

        CounterTotals totals = CounterTotals.of(List.of(gone, justLive), own, NOW, LIVE_FOR);

        assertThat(totals.live()).extracting(ReplicaStatus::replica).containsExactly("replica-a", "replica-b");
        assertThat(totals.stale()).containsExactly(gone);
        assertThat(totals.sum("orders", "order", OUTCOMES)).containsEntry("routed", 6L);
    }

    @Test
    void onlyAReplicaSilentForLongerThanTheHorizonIsGoneForGood() {
        ReplicaStatus own = replica("replica-a", NOW, counters("orders", "order", 1, 1));
        ReplicaStatus stale = replica("replica-b", NOW.minus(Duration.ofMinutes(59)), counters("orders", "order", 1, 1));
        ReplicaStatus gone = replica("replica-c", NOW.minus(Duration.ofMinutes(61)), counters("orders", "order", 1, 1));

        CounterTotals totals = CounterTotals.of(List.of(gone, stale), own, NOW, LIVE_FOR);

        assertThat(totals.gone(NOW, Duration.ofHours(1))).containsExactly("replica-c");
    }

    @Test
    void aRouteOfAnotherChannelOnAReplicaConfiguredOtherwiseDoesNotCount() {
        ReplicaStatus own = replica("replica-a", NOW, counters("orders", "order", 1, 0));
        ReplicaStatus older = replica("replica-b", NOW, counters("orders", "order-old", 50, 0));

        CounterTotals totals = CounterTotals.of(List.of(older), own, NOW, LIVE_FOR);

        assertThat(totals.sum("orders", "order", OUTCOMES)).containsEntry("routed", 1L);
        assertThat(totals.sum("payments", "payment", OUTCOMES)).containsOnly(Map.entry("routed", 0L),
                Map.entry("posted", 0L), Map.entry("silenced", 0L));
    }

    private static ReplicaStatus replica(String name, Instant publishedAt, RouteCounters... routes) {
        return new ReplicaStatus(name, NOW.minusSeconds(3600), publishedAt, List.of(routes));
    }

    private static RouteCounters counters(String route, String channel, long routed, long posted) {
        return new RouteCounters(route, channel, Map.of("routed", routed, "posted", posted));
    }
}
