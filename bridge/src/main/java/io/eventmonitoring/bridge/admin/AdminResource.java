package io.eventmonitoring.bridge.admin;

import io.eventmonitoring.bridge.config.BridgeConfigValidator.Validated;
import io.eventmonitoring.bridge.delivery.Dispatcher;
import io.eventmonitoring.bridge.match.Glob;
import io.eventmonitoring.bridge.match.InvalidFieldException;
import io.eventmonitoring.bridge.metrics.BridgeMetrics;
import io.eventmonitoring.bridge.outbox.OutboxWriter;
import io.eventmonitoring.bridge.routing.Route;
import io.eventmonitoring.bridge.silence.Silence;
import io.eventmonitoring.bridge.silence.SilenceRule;
import io.eventmonitoring.bridge.silence.SilenceStore;
import io.eventmonitoring.bridge.status.ChannelStatusTracker;
import io.eventmonitoring.bridge.status.RecentEvents;
import io.eventmonitoring.bridge.status.ReplicaCounters;
import io.eventmonitoring.events.Severity;
import io.smallrye.mutiny.Uni;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

/** The management API: routes with live counters, and silences with a preview of what they would match. */
@Path("/admin")
@Produces(MediaType.APPLICATION_JSON)
public class AdminResource {

    private final Validated config;
    private final BridgeMetrics metrics;
    private final SilenceStore silences;
    private final SilenceRequests silenceRequests;
    private final RecentEvents recentEvents;
    private final String replica;
    private final Dispatcher dispatcher;
    private final OutboxWriter outbox;

    AdminResource(Validated config, BridgeMetrics metrics, SilenceStore silences, RecentEvents recentEvents,
                  ChannelStatusTracker status, Dispatcher dispatcher, OutboxWriter outbox) {
        this.config = config;
        this.dispatcher = dispatcher;
        this.outbox = outbox;
        this.metrics = metrics;
        this.silences = silences;
        this.recentEvents = recentEvents;
        this.replica = status.owner();
        Set<String> routes = new HashSet<>();
        config.router().routes().forEach(r -> routes.add(r.name()));
        config.router().defaultRoute().ifPresent(r -> routes.add(r.name()));
        this.silenceRequests = new SilenceRequests(routes, config.channels().keySet());
    }

    public record RouteView(String name, String channel, String domain, List<String> types, List<String> severities,
                            Map<String, String> attributes, boolean continueMatching, boolean isDefault,
                            Map<String, Long> counters) {
    }

    public record ChannelView(String name, long minIntervalMillis, Map<String, Long> counters) {
    }

    public record Overview(List<RouteView> routes, List<ChannelView> channels) {
    }

    /**
     * What a silence would have matched among the events of the window before now.
     *
     * @param examined events in the window; {@code from} is the oldest of them
     * @param window   how far back the window reaches at most, ISO-8601 ({@code PT1H})
     */
    public record SilencePreview(int matched, int examined, Instant from, String window, String replica,
                                 List<RecentEvents.Example> examples) {
    }

    /** @param pausedFor why the channel was paused (e.g. {@code token_revoked}); null when it was not */
    public record Resumed(String channel, String pausedFor) {
    }

    /** The routes with this replica's counters, as of now; {@code GET /admin/status} sums those of all replicas. */
    @GET
    @Path("/routes")
    public Overview routes() {
        List<RouteView> routes = routeViews(config, this::ownCounters);
        List<ChannelView> channels = config.channels().values().stream()
                .map(c -> new ChannelView(c.name(), c.minInterval().toMillis(),
                        Map.of(BridgeMetrics.RATE_LIMITED, metrics.total("-", c.name(), BridgeMetrics.RATE_LIMITED))))
                .toList();
        return new Overview(routes, channels);
    }

    @GET
    @Path("/silences")
    public List<Silence> silences(@QueryParam("expired") String expired) {
        if (expired != null && !expired.equals("true") && !expired.equals("false")) {
            throw new InvalidFieldException("expired", "must be true or false, was '" + expired + "'");
        }
        return silences.list("true".equals(expired));
    }

    @POST
    @Path("/silences")
    @Consumes(MediaType.APPLICATION_JSON)
    public Uni<Response> silence(String body) {
        SilenceRule rule = silenceRequests.parse(body, Instant.now());
        return silences.save(rule).map(saved -> Response.status(Response.Status.CREATED).entity(saved).build());
    }

    /** Takes the body of {@code POST /admin/silences}, validated alike, and answers what it would have matched. */
    @POST
    @Path("/silences/preview")
    @Consumes(MediaType.APPLICATION_JSON)
    public SilencePreview preview(String body) {
        Instant now = Instant.now();
        RecentEvents.Preview preview = recentEvents.preview(silenceRequests.parse(body, now), now);
        return new SilencePreview(preview.matched(), preview.examined(), preview.from(), recentEvents.window().toString(), replica,
                preview.examples());
    }

    @DELETE
    @Path("/silences/{id}")
    public Uni<Silence> expire(@PathParam("id") String id) {
        try {
            UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            throw new InvalidFieldException("id", "not a silence id (a UUID): '" + id + "'");
        }
        Silence silence = silences.get(id).orElseThrow(() -> new NotFoundException("no silence " + id));
        return silences.save(SilenceRule.compile(silence.expiredAt(Instant.now())));
    }

    /**
     * Lets a channel paused for its bot token post again, e.g. after the token was fixed in a way not watched. The
     * request goes through the channel's outbox partition, so it reaches the channel's owner whichever replica
     * answers; {@code pausedFor} is known when this replica is the owner.
     */
    @POST
    @Path("/channels/{name}/resume")
    public Uni<Resumed> resume(@PathParam("name") String name) {
        if (!config.channels().containsKey(name)) {
            throw new NotFoundException("no channel " + name);
        }
        return Uni.createFrom().completionStage(dispatcher.paused())
                .call(paused -> outbox.requestResume(name))
                .map(paused -> new Resumed(name, paused.get(name)));
    }

    /** The routes in order, the default route last, with this replica's counters. */
    /** The configured routes, each with the counters {@code counters} gives it. */
    static List<RouteView> routeViews(Validated config, Function<Route, Map<String, Long>> counters) {
        List<RouteView> routes = new ArrayList<>(config.router().routes().stream()
                .map(r -> view(r, false, counters)).toList());
        config.router().defaultRoute().ifPresent(r -> routes.add(view(r, true, counters)));
        return routes;
    }

    private static RouteView view(Route route, boolean isDefault, Function<Route, Map<String, Long>> counters) {
        return new RouteView(route.name(), route.channel(), route.domain().orElse(null),
                route.types().stream().map(Glob::expression).toList(),
                route.severities().stream().map(Severity::value).sorted().toList(),
                route.attributes().entrySet().stream().collect(Collectors.toMap(
                        e -> e.getKey().expression(), e -> e.getValue().expression())),
                route.continueMatching(), isDefault, counters.apply(route));
    }

    private Map<String, Long> ownCounters(Route route) {
        Map<String, Long> counters = new LinkedHashMap<>();
        ReplicaCounters.OUTCOMES.forEach(o -> counters.put(o, metrics.total(route.name(), route.channel(), o)));
        return counters;
    }
}
