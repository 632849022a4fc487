package io.eventmonitoring.bridge.status;

import io.eventmonitoring.bridge.metrics.BridgeMetrics;
import io.eventmonitoring.bridge.routing.Route;
import io.eventmonitoring.bridge.routing.Router;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The route counters of the whole bridge: this replica's own, which it publishes to bridge-status as its
 * {@link ReplicaStatus}, summed with what the other live replicas published.
 */
@ApplicationScoped
public class ReplicaCounters {

    /** The outcomes a replica publishes per route. */
    public static final List<String> OUTCOMES = List.of(BridgeMetrics.ROUTED, BridgeMetrics.POSTED,
            BridgeMetrics.DIGESTED, BridgeMetrics.DEAD_LETTERED, BridgeMetrics.SILENCED, BridgeMetrics.DUPLICATE);
    /** A replica publishes at least every keepalive: a record older than this many keepalives is of one that stopped. */
    static final int LIVE_KEEPALIVES = 2;
    /**
     * A record older than this many keepalives is of a replica gone for good (a pod replaced by a deployment), which
     * is tombstoned so that the compacted topic does not keep every replica that ever ran.
     */
    static final int GONE_KEEPALIVES = 120;

    private final String replica;
    private final Instant startedAt = Instant.now();
    private final List<Route> routes = new ArrayList<>();
    private final BridgeMetrics metrics;
    private final StatusStore store;
    private final Duration keepalive;
    private ReplicaStatus published;

    ReplicaCounters(Router router, BridgeMetrics metrics, StatusStore store, ChannelStatusTracker tracker,
                    StatusConfig config) {
        this.replica = tracker.owner();
        this.metrics = metrics;
        this.store = store;
        this.keepalive = config.keepalive();
        routes.addAll(router.routes());
        router.defaultRoute().ifPresent(routes::add);
    }

    /** The live replicas' counters, with this replica's as of now. */
    public CounterTotals totals() {
        Instant now = Instant.now();
        return CounterTotals.of(store.replicas().values(), current(now), now, keepalive.multipliedBy(LIVE_KEEPALIVES));
    }

    /** The replicas gone for good, whose records may be tombstoned. */
    List<String> gone() {
        Instant now = Instant.now();
        return totals().gone(now, keepalive.multipliedBy(GONE_KEEPALIVES));
    }

    /** This replica's counters when they changed since they were last published, or the keepalive is due. */
    synchronized Optional<ReplicaStatus> due(Instant now) {
        ReplicaStatus current = current(now);
        if (published != null && published.publishedAt(now).equals(current)
                && Duration.between(published.publishedAt(), now).compareTo(keepalive) < 0) {
            return Optional.empty();
        }
        published = current;
        return Optional.of(current);
    }

    /** Publishing failed: the counters are due again at the next call. */
    synchronized void unpublished() {
        published = null;
    }

    private ReplicaStatus current(Instant now) {
        return new ReplicaStatus(replica, startedAt, now, routes.stream().map(route -> {
            Map<String, Long> counters = new LinkedHashMap<>();
            OUTCOMES.forEach(o -> counters.put(o, metrics.total(route.name(), route.channel(), o)));
            return new RouteCounters(route.name(), route.channel(), counters);
        }).toList());
    }
}
