package io.eventmonitoring.bridge.admin;

import io.eventmonitoring.bridge.config.BridgeConfigValidator.Validated;
import io.eventmonitoring.bridge.match.InvalidFieldException;
import io.eventmonitoring.bridge.status.ChannelStatus;
import io.eventmonitoring.bridge.status.ChannelStatusTracker;
import io.eventmonitoring.bridge.status.ConsumerLag;
import io.eventmonitoring.bridge.status.CounterTotals;
import io.eventmonitoring.bridge.status.Delivery;
import io.eventmonitoring.bridge.status.ReplicaCounters;
import io.eventmonitoring.bridge.status.ReplicaStatus;
import io.eventmonitoring.bridge.status.StatusStore;
import io.smallrye.common.annotation.Blocking;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

/**
 * What the whole bridge is doing now, whichever replica answers: each channel's status as its owner published it to
 * bridge-status, the routes' counters summed over the live replicas and the stages' consumer lag.
 */
@Path("/admin")
@Produces(MediaType.APPLICATION_JSON)
@Blocking
public class StatusResource {

    private final Validated config;
    private final ReplicaCounters counters;
    private final StatusStore statuses;
    private final ConsumerLag lag;
    private final String replica;

    StatusResource(Validated config, ReplicaCounters counters, StatusStore statuses, ConsumerLag lag,
                   ChannelStatusTracker tracker) {
        this.config = config;
        this.counters = counters;
        this.statuses = statuses;
        this.lag = lag;
        this.replica = tracker.owner();
    }

    /**
     * A configured channel's status; all but {@code channel} are null until its owner published one.
     *
     * @param ageMillis how long ago its owner published it
     */
    public record ChannelView(String channel, String owner, Instant publishedAt, Long ageMillis, String state,
                              Integer queued, Instant nextPostAt, Delivery lastPost) {
    }

    /**
     * @param replica        the replica that answered
     * @param loaded         whether this replica has read bridge-status to its end since it started
     * @param routes         each route with its counters summed over {@code countedBy}
     * @param countedBy      the live replicas, each with its own counters per route and how old they are
     * @param notCounted     replicas whose latest counters are too old to count: they stopped publishing
     */
    public record StatusView(String replica, Instant at, boolean loaded, List<ChannelView> channels,
                             List<AdminResource.RouteView> routes, List<ReplicaView> countedBy,
                             List<ReplicaView> notCounted, ConsumerLag.Lag lag) {
    }

    /**
     * A replica's route counters since it started, as it last published them (the answering replica's as of now).
     *
     * @param routes by route name, the counters by outcome
     */
    public record ReplicaView(String replica, Instant startedAt, Instant publishedAt, long ageMillis,
                              Map<String, Map<String, Long>> routes) {

        static ReplicaView of(ReplicaStatus replica, Instant now) {
            Map<String, Map<String, Long>> routes = new LinkedHashMap<>();
            replica.routes().forEach(r -> routes.put(r.route(), r.counters()));
            return new ReplicaView(replica.replica(), replica.startedAt(), replica.publishedAt(),
                    Math.max(0, Duration.between(replica.publishedAt(), now).toMillis()), routes);
        }
    }

    public record ChannelDeliveries(String channel, String owner, Instant publishedAt, Long ageMillis,
                                    List<Delivery> deliveries) {
    }

    public record DeliveriesView(String replica, Instant at, List<ChannelDeliveries> channels) {
    }

    @GET
    @Path("/status")
    public StatusView status() {
        Instant now = Instant.now();
        List<ChannelView> channels = channelNames().stream().map(name -> statuses.latest(name)
                .map(s -> new ChannelView(name, s.owner(), s.publishedAt(), age(s, now), s.state(), s.queued(),
                        s.nextPostAt(), s.lastPost()))
                .orElse(new ChannelView(name, null, null, null, null, null, null, null))).toList();
        CounterTotals totals = counters.totals();
        return new StatusView(replica, now, statuses.loaded(), channels,
                AdminResource.routeViews(config, r -> totals.sum(r.name(), r.channel(), ReplicaCounters.OUTCOMES)),
                totals.live().stream().map(r -> ReplicaView.of(r, now)).toList(),
                totals.stale().stream().map(r -> ReplicaView.of(r, now)).toList(), lag.current());
    }

    /** The latest messages per channel and Slack's answers, newest first; {@code channel} picks one. */
    @GET
    @Path("/deliveries")
    public DeliveriesView deliveries(@QueryParam("channel") String channel) {
        List<String> names = channelNames();
        if (channel != null && !names.contains(channel)) {
            throw new InvalidFieldException("channel", "no channel '" + channel + "' (known: " + names + ")");
        }
        Instant now = Instant.now();
        List<ChannelDeliveries> channels = names.stream().filter(n -> channel == null || n.equals(channel))
                .map(name -> {
                    Optional<ChannelStatus> status = statuses.latest(name);
                    return new ChannelDeliveries(name, status.map(ChannelStatus::owner).orElse(null),
                            status.map(ChannelStatus::publishedAt).orElse(null),
                            status.map(s -> age(s, now)).orElse(null),
                            status.map(ChannelStatus::deliveries).orElse(List.of()));
                }).toList();
        return new DeliveriesView(replica, now, channels);
    }

    private List<String> channelNames() {
        return List.copyOf(new TreeSet<>(config.channels().keySet()));
    }

    private static Long age(ChannelStatus status, Instant now) {
        return Math.max(0, Duration.between(status.publishedAt(), now).toMillis());
    }
}
