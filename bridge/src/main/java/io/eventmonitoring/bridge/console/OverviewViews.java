package io.eventmonitoring.bridge.console;

import io.eventmonitoring.bridge.config.BridgeConfigValidator.Validated;
import io.eventmonitoring.bridge.delivery.ChannelLane;
import io.eventmonitoring.bridge.delivery.Dispatcher;
import io.eventmonitoring.bridge.metrics.BridgeMetrics;
import io.eventmonitoring.bridge.routing.Route;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Builds the overview from what this replica knows: the configured channels and routes, its counters, and each
 * channel's last post here. {@link #channelRows} and {@link #lagRows} are where the status topic's view of all
 * replicas comes in; until then a channel owned by another replica shows as idle here.
 */
@ApplicationScoped
public class OverviewViews {

    static final List<String> ROUTE_COUNTERS = List.of(BridgeMetrics.ROUTED, BridgeMetrics.POSTED,
            BridgeMetrics.DIGESTED, BridgeMetrics.SILENCED, BridgeMetrics.DEAD_LETTERED);
    static final String THIS_REPLICA = "this replica, live";
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'")
            .withZone(ZoneOffset.UTC);

    private final Validated config;
    private final BridgeMetrics metrics;
    private final Dispatcher dispatcher;

    OverviewViews(Validated config, BridgeMetrics metrics, Dispatcher dispatcher) {
        this.config = config;
        this.metrics = metrics;
        this.dispatcher = dispatcher;
    }

    public OverviewView overview() {
        Instant now = Instant.now();
        return new OverviewView(TIME.format(now), THIS_REPLICA, queued(), channelRows(now), routeRows(), lagRows());
    }

    List<OverviewView.ChannelRow> channelRows(Instant now) {
        return config.channels().values().stream().sorted((a, b) -> a.name().compareTo(b.name()))
                .map(channel -> channelRow(channel, now)).toList();
    }

    /** Not measured on this replica: the status topic brings it. */
    List<OverviewView.LagRow> lagRows() {
        return List.of();
    }

    private OverviewView.ChannelRow channelRow(ChannelLane channel, Instant now) {
        String interval = channel.minInterval().toMillis() + " ms";
        return metrics.activity(channel.name())
                .map(a -> new OverviewView.ChannelRow(channel.name(), state(a, now), "—", TIME.format(a.at()),
                        a.outcome(), a.nextAllowedAt().isAfter(now) ? TIME.format(a.nextAllowedAt()) : "now", interval))
                .orElse(new OverviewView.ChannelRow(channel.name(), "idle", "—", "—", "—", "now", interval));
    }

    static String state(BridgeMetrics.ChannelActivity activity, Instant now) {
        if (!activity.nextAllowedAt().isAfter(now)) {
            return "idle";
        }
        if (activity.outcome().equals(BridgeMetrics.RATE_LIMITED)) {
            return "rate-limited";
        }
        return activity.outcome().equals(BridgeMetrics.RETRYING) ? "backing off" : "waiting for its rate";
    }

    private List<OverviewView.RouteRow> routeRows() {
        List<OverviewView.RouteRow> rows = new ArrayList<>();
        config.router().routes().forEach(r -> rows.add(routeRow(r, false)));
        config.router().defaultRoute().ifPresent(r -> rows.add(routeRow(r, true)));
        return rows;
    }

    private OverviewView.RouteRow routeRow(Route route, boolean isDefault) {
        Map<String, Long> counters = new LinkedHashMap<>();
        ROUTE_COUNTERS.forEach(c -> counters.put(c, metrics.total(route.name(), route.channel(), c)));
        return new OverviewView.RouteRow(route.name(), route.channel(), isDefault, counters);
    }

    private String queued() {
        try {
            return String.valueOf(dispatcher.queued().toCompletableFuture().get(Duration.ofSeconds(2).toMillis(),
                    TimeUnit.MILLISECONDS));
        } catch (ExecutionException | TimeoutException e) {
            return "unknown";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "unknown";
        }
    }
}
