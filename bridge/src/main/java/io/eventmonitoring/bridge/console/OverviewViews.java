package io.eventmonitoring.bridge.console;

import io.eventmonitoring.bridge.config.BridgeConfigValidator.Validated;
import io.eventmonitoring.bridge.delivery.ChannelLane;
import io.eventmonitoring.bridge.metrics.BridgeMetrics;
import io.eventmonitoring.bridge.routing.Route;
import io.eventmonitoring.bridge.status.ChannelStatus;
import io.eventmonitoring.bridge.status.ConsumerLag;
import io.eventmonitoring.bridge.status.CounterTotals;
import io.eventmonitoring.bridge.status.Delivery;
import io.eventmonitoring.bridge.status.ReplicaCounters;
import io.eventmonitoring.bridge.status.ReplicaStatus;
import io.eventmonitoring.bridge.status.StatusStore;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Builds the overview of the whole bridge, whichever replica serves it: each channel's status as its owner published
 * it to bridge-status (with its age), the route counters summed over the live replicas (with the age of each one's),
 * and the stages' consumer lag from Kafka.
 */
@ApplicationScoped
public class OverviewViews {

    static final List<String> ROUTE_COUNTERS = List.of(BridgeMetrics.ROUTED, BridgeMetrics.POSTED,
            BridgeMetrics.DIGESTED, BridgeMetrics.SILENCED, BridgeMetrics.DEAD_LETTERED);
    static final String SOURCE = "bridge-status, as each channel's owner published it";
    static final String LOADING = "bridge-status, still being read: channels may be missing";
    static final String NO_STATUS = "—";
    static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'")
            .withZone(ZoneOffset.UTC);
    private static final Map<String, String> STATES = Map.of(
            "waiting-for-rate", "waiting for its rate",
            "backing-off", "backing off");

    private final Validated config;
    private final ReplicaCounters counters;
    private final StatusStore statuses;
    private final ConsumerLag lag;

    OverviewViews(Validated config, ReplicaCounters counters, StatusStore statuses, ConsumerLag lag) {
        this.config = config;
        this.counters = counters;
        this.statuses = statuses;
        this.lag = lag;
    }

    public OverviewView overview() {
        Instant now = Instant.now();
        Map<String, ChannelStatus> all = statuses.all();
        ConsumerLag.Lag current = lag.current();
        int queued = all.values().stream().mapToInt(ChannelStatus::queued).sum();
        CounterTotals totals = counters.totals();
        return new OverviewView(TIME.format(now), statuses.loaded() ? SOURCE : LOADING, String.valueOf(queued),
                channelRows(all, now), routeRows(totals), routesAsOf(totals, now), lagRows(current),
                lagAsOf(current, now));
    }

    /** Every configured channel, by name; one whose owner has published nothing yet shows dashes. */
    List<OverviewView.ChannelRow> channelRows(Map<String, ChannelStatus> all, Instant now) {
        return config.channels().values().stream().sorted(Comparator.comparing(ChannelLane::name))
                .map(c -> row(c.name(), c.minInterval().toMillis() + " ms", all.get(c.name()), now)).toList();
    }

    static OverviewView.ChannelRow row(String channel, String interval, ChannelStatus status, Instant now) {
        if (status == null) {
            return new OverviewView.ChannelRow(channel, NO_STATUS, NO_STATUS, NO_STATUS, NO_STATUS, NO_STATUS,
                    NO_STATUS, NO_STATUS, interval);
        }
        Delivery last = status.lastPost();
        return new OverviewView.ChannelRow(channel, status.owner(), age(status.publishedAt(), now),
                STATES.getOrDefault(status.state(), status.state()), String.valueOf(status.queued()),
                last == null ? NO_STATUS : TIME.format(last.at()),
                last == null ? NO_STATUS : last.outcome() + " (" + last.answer() + ")",
                status.nextPostAt() == null || !status.nextPostAt().isAfter(now) ? "now" : TIME.format(status.nextPostAt()),
                interval);
    }

    /** Both stages' lag, empty when Kafka did not answer. */
    static List<OverviewView.LagRow> lagRows(ConsumerLag.Lag lag) {
        return lag.stages().stream()
                .map(s -> new OverviewView.LagRow(s.stage(), s.group(), s.topic(), String.valueOf(s.lag()))).toList();
    }

    static String lagAsOf(ConsumerLag.Lag lag, Instant now) {
        String read = "read " + age(lag.at(), now);
        return lag.error() == null ? read : read + ": " + lag.error();
    }

    /** How long ago, in whole seconds: "0 s ago", "12 s ago", "3 min ago". */
    static String age(Instant at, Instant now) {
        long seconds = Math.max(0, Duration.between(at, now).toSeconds());
        return seconds < 120 ? seconds + " s ago" : seconds / 60 + " min ago";
    }

    /** Which replicas' counters the route rows sum, and how old each one's are; those left out, and why. */
    static String routesAsOf(CounterTotals totals, Instant now) {
        int live = totals.live().size();
        String summed = "summed over " + live + (live == 1 ? " live replica" : " live replicas")
                + ", each since it started: " + asOf(totals.live(), now);
        return totals.stale().isEmpty() ? summed
                : summed + "; left out, stopped publishing: " + asOf(totals.stale(), now);
    }

    private static String asOf(List<ReplicaStatus> replicas, Instant now) {
        return replicas.stream().map(r -> r.replica() + " (" + age(r.publishedAt(), now) + ")")
                .collect(Collectors.joining(", "));
    }

    private List<OverviewView.RouteRow> routeRows(CounterTotals totals) {
        List<OverviewView.RouteRow> rows = new ArrayList<>();
        config.router().routes().forEach(r -> rows.add(routeRow(r, false, totals)));
        config.router().defaultRoute().ifPresent(r -> rows.add(routeRow(r, true, totals)));
        return rows;
    }

    private static OverviewView.RouteRow routeRow(Route route, boolean isDefault, CounterTotals totals) {
        return new OverviewView.RouteRow(route.name(), route.channel(), isDefault,
                totals.sum(route.name(), route.channel(), ROUTE_COUNTERS));
    }
}
