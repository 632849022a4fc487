package io.eventmonitoring.bridge.console;

import io.eventmonitoring.bridge.status.ChannelStatus;
import io.eventmonitoring.bridge.status.ConsumerLag;
import io.eventmonitoring.bridge.status.CounterTotals;
import io.eventmonitoring.bridge.status.Delivery;
import io.eventmonitoring.bridge.status.ReplicaStatus;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class OverviewViewsTest {

    private static final Instant NOW = Instant.parse("2026-11-29T12:00:00Z");

    @Test
    void aChannelShowsItsOwnersStatusWithItsAge() {
        Delivery last = new Delivery(NOW.minusSeconds(4), Delivery.MESSAGE, 1, Delivery.RATE_LIMITED, "429 retry after 20s", 35);
        ChannelStatus status = new ChannelStatus("orders", "bridge-1", NOW.minusSeconds(3), "rate-limited", 7,
                NOW.plusSeconds(20), last, List.of(last));

        assertThat(OverviewViews.row("orders", "1000 ms", status, NOW)).isEqualTo(new OverviewView.ChannelRow("orders",
                "bridge-1", "3 s ago", "rate-limited", "7", "2026-11-29 11:59:56 UTC",
                "rate-limited (429 retry after 20s)", "2026-11-29 12:00:20 UTC", "1000 ms"));
    }

    @Test
    void statesReadAsWordsAndAPastNextPostIsNow() {
        assertThat(row("waiting-for-rate", NOW.plusSeconds(1)).state()).isEqualTo("waiting for its rate");
        assertThat(row("backing-off", NOW.plusSeconds(1)).state()).isEqualTo("backing off");
        assertThat(row("paused", null).state()).isEqualTo("paused");
        assertThat(row("idle", NOW.minusSeconds(5)).nextPost()).isEqualTo("now");
        assertThat(row("idle", null).lastOutcome()).isEqualTo("—");
    }

    @Test
    void aChannelWithoutStatusShowsDashes() {
        OverviewView.ChannelRow row = OverviewViews.row("orders", "1000 ms", null, NOW);
        assertThat(row.owner()).isEqualTo("—");
        assertThat(row.state()).isEqualTo("—");
    }

    @Test
    void lagShowsBothStagesAndWhenItWasRead() {
        ConsumerLag.Lag lag = new ConsumerLag.Lag(NOW.minusSeconds(2), List.of(
                new ConsumerLag.StageLag("routing", "bridge-router", "business-events", 3, List.of()),
                new ConsumerLag.StageLag("delivery", "bridge-delivery", "bridge-outbox", 0, List.of())), null);
        assertThat(OverviewViews.lagRows(lag)).containsExactly(
                new OverviewView.LagRow("routing", "bridge-router", "business-events", "3"),
                new OverviewView.LagRow("delivery", "bridge-delivery", "bridge-outbox", "0"));
        assertThat(OverviewViews.lagAsOf(lag, NOW)).isEqualTo("read 2 s ago");
        assertThat(OverviewViews.lagAsOf(new ConsumerLag.Lag(NOW, List.of(), "Kafka did not answer: timeout"), NOW))
                .isEqualTo("read 0 s ago: Kafka did not answer: timeout");
        assertThat(OverviewViews.age(NOW.minusSeconds(600), NOW)).isEqualTo("10 min ago");
    }

    @Test
    void routeCountersSayWhichReplicasTheySumAndHowOldEachOnesAre() {
        ReplicaStatus own = new ReplicaStatus("bridge-1", NOW.minusSeconds(600), NOW, List.of());
        ReplicaStatus other = new ReplicaStatus("bridge-2", NOW.minusSeconds(900), NOW.minusSeconds(4), List.of());
        ReplicaStatus gone = new ReplicaStatus("bridge-0", NOW.minusSeconds(9000), NOW.minusSeconds(300), List.of());

        assertThat(OverviewViews.routesAsOf(new CounterTotals(List.of(own), List.of()), NOW))
                .isEqualTo("summed over 1 live replica, each since it started: bridge-1 (0 s ago)");
        assertThat(OverviewViews.routesAsOf(new CounterTotals(List.of(own, other), List.of(gone)), NOW))
                .isEqualTo("summed over 2 live replicas, each since it started: bridge-1 (0 s ago), bridge-2 (4 s ago); "
                        + "left out, stopped publishing: bridge-0 (5 min ago)");
    }

    private static OverviewView.ChannelRow row(String state, Instant nextPostAt) {
        return OverviewViews.row("orders", "1000 ms", new ChannelStatus("orders", "bridge-1", NOW, state, 0, nextPostAt, null,
                List.of()), NOW);
    }
}
