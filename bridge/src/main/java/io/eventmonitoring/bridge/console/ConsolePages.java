package io.eventmonitoring.bridge.console;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.eventmonitoring.bridge.admin.SilenceRequests;
import io.eventmonitoring.bridge.config.BridgeConfigValidator.Validated;
import io.eventmonitoring.bridge.dlq.DeadLetter;
import io.eventmonitoring.bridge.dlq.DeadLetterFilter;
import io.eventmonitoring.bridge.dlq.DeadLetterReader;
import io.eventmonitoring.bridge.match.InvalidFieldException;
import io.eventmonitoring.bridge.outbox.OutboxWriter;
import io.eventmonitoring.bridge.replay.DeadLetterReplays;
import io.eventmonitoring.bridge.security.Roles;
import io.eventmonitoring.bridge.silence.Silence;
import io.eventmonitoring.bridge.silence.SilenceRule;
import io.eventmonitoring.bridge.silence.SilenceStore;
import io.eventmonitoring.bridge.status.RecentEvents;
import io.eventmonitoring.bridge.status.StatusStore;
import io.eventmonitoring.events.MalformedEventException;
import io.quarkus.qute.Location;
import io.quarkus.qute.Template;
import io.quarkus.qute.TemplateInstance;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.common.annotation.Blocking;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.CookieParam;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.NewCookie;
import jakarta.ws.rs.core.Response;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;

/**
 * The operations console: server-rendered pages over the same services as the management API. Every action is a
 * plain form that posts and redirects, so it works without JavaScript; only operators see the forms, and a form
 * posted by anyone else is refused ({@code quarkus.http.auth.permission.console-write}), as is one without this
 * session's CSRF token.
 */
@Path("/console")
@Produces(MediaType.TEXT_HTML)
@Blocking
public class ConsolePages {

    static final int DEAD_LETTERS_PER_PAGE = 50;
    static final List<Choice> DURATIONS = List.of(new Choice("PT15M", "15 minutes"), new Choice("PT1H", "1 hour"),
            new Choice("PT2H", "2 hours"), new Choice("PT4H", "4 hours"), new Choice("PT8H", "8 hours"),
            new Choice("P1D", "1 day"), new Choice("P7D", "7 days"));
    static final List<String> SEVERITIES = List.of("info", "warning", "critical");
    private static final ObjectMapper MAPPER = new ObjectMapper();
    /** Kafka takes a record within its delivery timeout; the operator is not kept waiting longer than this. */
    private static final Duration RESUME_TIMEOUT = Duration.ofSeconds(10);
    private static final Map<String, String> DONE = Map.of(
            "silenced", "Silence created.",
            "expired", "Silence expired.",
            "replayed", "Dead letter replayed.",
            "replayed-all", "Matching dead letters replayed.",
            "resumed", "Resume sent to the channel's owner: what waited is posted next.");

    private final SecurityIdentity identity;
    private final ConsoleCsrf csrf;
    private final OverviewViews overviews;
    private final SilenceStore silences;
    private final SilenceRequests silenceRequests;
    private final DeadLetterReader deadLetters;
    private final DeadLetterReplays replays;
    private final StatusStore statuses;
    private final RecentEvents recentEvents;
    private final OutboxWriter outbox;
    private final List<String> channels;
    private final List<String> routes;

    @Location("console/login.html")
    Template login;
    @Location("console/overview.html")
    Template overview;
    @Location("console/silences.html")
    Template silencesPage;
    @Location("console/dead-letters.html")
    Template deadLettersPage;
    @Location("console/deliveries.html")
    Template deliveriesPage;

    ConsolePages(SecurityIdentity identity, ConsoleCsrf csrf, OverviewViews overviews, SilenceStore silences,
                 DeadLetterReader deadLetters, DeadLetterReplays replays, StatusStore statuses, RecentEvents recentEvents,
                 OutboxWriter outbox, Validated config) {
        this.identity = identity;
        this.csrf = csrf;
        this.overviews = overviews;
        this.silences = silences;
        this.deadLetters = deadLetters;
        this.replays = replays;
        this.statuses = statuses;
        this.recentEvents = recentEvents;
        this.outbox = outbox;
        Set<String> routeNames = new HashSet<>();
        config.router().routes().forEach(r -> routeNames.add(r.name()));
        config.router().defaultRoute().ifPresent(r -> routeNames.add(r.name()));
        this.routes = routeNames.stream().sorted().toList();
        this.channels = config.channels().keySet().stream().sorted().toList();
        this.silenceRequests = new SilenceRequests(routeNames, config.channels().keySet());
    }

    @GET
    @Path("/login")
    public Response login(@QueryParam("error") String error, @CookieParam(ConsoleCsrf.COOKIE) String nonceCookie) {
        ConsoleCsrf.Nonce nonce = csrf.nonce(nonceCookie);
        Response.ResponseBuilder page = Response.ok(login.data("error", error != null)
                .data("token", csrf.token(LoginCsrf.ANONYMOUS, nonce.value())).render(), MediaType.TEXT_HTML);
        nonce.cookie().ifPresent(page::cookie);
        return page.build();
    }

    /** Ends the session: the cookie is dropped; a copy kept elsewhere stays valid until its timeout. */
    @POST
    @Path("/logout")
    public Response logout(@FormParam(ConsoleCsrf.FIELD) String token, @CookieParam(ConsoleCsrf.COOKIE) String nonce) {
        csrf.check(user(), nonce, token);
        return Response.seeOther(URI.create("/console/login"))
                .cookie(new NewCookie.Builder("bridge-console").value("").path("/console").maxAge(0).build())
                .build();
    }

    @GET
    public Response overview(@CookieParam(ConsoleCsrf.COOKIE) String nonce) {
        return page(overview.data("view", overviews.overview()), "overview", nonce, null, 200);
    }

    @GET
    @Path("/overview.json")
    @Produces(MediaType.APPLICATION_JSON)
    public OverviewView overviewJson() {
        return overviews.overview();
    }

    /** The latest messages of every channel, or of the one picked; an unknown channel is a 400 naming the known ones. */
    @GET
    @Path("/deliveries")
    public Response deliveries(@CookieParam(ConsoleCsrf.COOKIE) String nonce, @QueryParam("channel") String channel) {
        String selected = blank(channel);
        Instant now = Instant.now();
        String error = selected == null || channels.contains(selected) ? null
                : "No channel '" + selected + "'; pick one of the list.";
        List<DeliveriesView> views = error != null ? List.of() : channels.stream()
                .filter(c -> selected == null || c.equals(selected))
                .map(c -> DeliveriesView.of(c, statuses.latest(c).orElse(null), now)).toList();
        TemplateInstance page = deliveriesPage.data("channels", views).data("channelNames", channels)
                .data("selected", error == null ? selected : null).data("generatedAt", OverviewViews.TIME.format(now));
        return page(page, "deliveries", nonce, null, error == null ? 200 : 400, error);
    }

    @GET
    @Path("/silences")
    public Response silences(@CookieParam(ConsoleCsrf.COOKIE) String nonce, @QueryParam("done") String done) {
        return silencesPage(nonce, done, null, SilenceForm.EMPTY, null, 200);
    }

    @POST
    @Path("/silences")
    public Response silence(@FormParam(ConsoleCsrf.FIELD) String token, @CookieParam(ConsoleCsrf.COOKIE) String nonce,
                            @BeanParam SilenceForm form) {
        return checked(token, nonce, form, Instant.now(), rule -> {
            silences.save(rule).await().indefinitely();
            return done("/console/silences", "silenced");
        });
    }

    /**
     * The create form's "Preview" button: the same form, checked as a new silence is, shown again with how many events
     * of the recent window it would have matched and the newest few. Nothing is saved.
     */
    @POST
    @Path("/silences/preview")
    public Response preview(@FormParam(ConsoleCsrf.FIELD) String token, @CookieParam(ConsoleCsrf.COOKIE) String nonce,
                            @BeanParam SilenceForm form) {
        Instant now = Instant.now();
        return checked(token, nonce, form, now, rule -> silencesPage(nonce, null, null, form,
                PreviewView.of(recentEvents.preview(rule, now), recentEvents.window()), 200));
    }

    @POST
    @Path("/silences/{id}/expire")
    public Response expire(@FormParam(ConsoleCsrf.FIELD) String token, @CookieParam(ConsoleCsrf.COOKIE) String nonce,
                           @PathParam("id") String id) {
        csrf.check(user(), nonce, token);
        Silence silence = validId(id).flatMap(silences::get).orElseThrow(() -> new NotFoundException("no silence " + id));
        silences.save(SilenceRule.compile(silence.expiredAt(Instant.now()))).await().indefinitely();
        return done("/console/silences", "expired");
    }

    @GET
    @Path("/dead-letters")
    public Response deadLetters(@CookieParam(ConsoleCsrf.COOKIE) String nonce, @QueryParam("reason") String reason,
                                @QueryParam("channel") String channel, @QueryParam("type") String type,
                                @QueryParam("done") String done) {
        DeadLetterFilterForm form = new DeadLetterFilterForm(blank(reason), blank(channel), blank(type));
        String error = null;
        List<DeadLetter> letters = List.of();
        try {
            letters = deadLetters.page(form.filter(), DEAD_LETTERS_PER_PAGE, Optional.empty()).deadLetters();
        } catch (InvalidFieldException e) {
            error = e.getMessage();
        } catch (DeadLetterReader.UnreadableException e) {
            error = "The dead letters cannot be read now: " + e.getMessage();
        }
        TemplateInstance page = deadLettersPage.data("letters", letters.stream().map(DeadLetterRow::of).toList())
                .data("filter", form).data("query", form.query()).data("filtered", !form.filter().isEmpty());
        return page(page, "dead-letters", nonce, error == null ? notice(done) : null, error == null ? 200 : 400,
                error);
    }

    /** A channel paused for its bot token posts again; the request reaches its owner through its outbox partition. */
    @POST
    @Path("/channels/{name}/resume")
    public Response resume(@FormParam(ConsoleCsrf.FIELD) String token, @CookieParam(ConsoleCsrf.COOKIE) String nonce,
                           @PathParam("name") String name) {
        csrf.check(user(), nonce, token);
        if (!channels.contains(name)) {
            throw new NotFoundException("no channel " + name);
        }
        outbox.requestResume(name).await().atMost(RESUME_TIMEOUT);
        return done("/console", "resumed");
    }

    @POST
    @Path("/dead-letters/{partition}/{offset}/replay")
    public Response replay(@FormParam(ConsoleCsrf.FIELD) String token, @CookieParam(ConsoleCsrf.COOKIE) String nonce,
                           @PathParam("partition") int partition, @PathParam("offset") long offset,
                           @FormParam("back") String back) {
        csrf.check(user(), nonce, token);
        DeadLetter letter = deadLetters.read(partition, offset)
                .orElseThrow(() -> new NotFoundException("no dead letter at partition " + partition + " offset " + offset));
        try {
            replays.replayOne(letter);
        } catch (DeadLetterReplays.AlreadyReplayedException | MalformedEventException | IllegalArgumentException e) {
            return page(deadLettersPage.data("letters", List.of()).data("filter", DeadLetterFilterForm.NONE)
                    .data("query", "").data("filtered", false), "dead-letters", nonce, null, 409, e.getMessage());
        }
        return done("/console/dead-letters" + query(back), "replayed");
    }

    @POST
    @Path("/dead-letters/replay")
    public Response replayAll(@FormParam(ConsoleCsrf.FIELD) String token, @CookieParam(ConsoleCsrf.COOKIE) String nonce,
                              @FormParam("reason") String reason, @FormParam("channel") String channel,
                              @FormParam("type") String type) {
        csrf.check(user(), nonce, token);
        DeadLetterFilterForm form = new DeadLetterFilterForm(blank(reason), blank(channel), blank(type));
        DeadLetterFilter filter = form.filter();
        if (filter.isEmpty()) {
            throw new InvalidFieldException("reason", "give at least one filter: replaying everything is not a button");
        }
        replays.replayAll(filter);
        return done("/console/dead-letters" + query(form.query()), "replayed-all");
    }

    /** The silence form checked as the management API checks a new silence; an invalid one is shown again with why. */
    private Response checked(String token, String nonce, SilenceForm form, Instant now,
                             Function<SilenceRule, Response> then) {
        csrf.check(user(), nonce, token);
        SilenceRule rule;
        try {
            rule = silenceRequests.parse(form.json(user()), now);
        } catch (InvalidFieldException e) {
            return silencesPage(nonce, null, e.getMessage(), form, null, 400);
        }
        return then.apply(rule);
    }

    private Response silencesPage(String nonce, String done, String error, SilenceForm form, PreviewView preview,
                                  int status) {
        TemplateInstance page = silencesPage.data("active", silences.list(false))
                .data("expired", silences.list(true).stream().filter(s -> !s.expiresAt().isAfter(Instant.now())).toList())
                .data("form", form).data("durations", DURATIONS).data("severities", SEVERITIES).data("channels", channels).data("routes", routes)
                .data("preview", preview);
        return page(page, "silences", nonce, notice(done), status, error);
    }

    private Response page(TemplateInstance page, String name, String nonce, String done, int status) {
        return page(page, name, nonce, done, status, null);
    }

    private Response page(TemplateInstance page, String name, String nonceCookie, String done, int status, String error) {
        ConsoleCsrf.Nonce nonce = csrf.nonce(nonceCookie);
        String html = page.data("page", name).data("user", user())
                .data("operator", identity.hasRole(Roles.OPERATOR))
                .data("csrf", csrf.token(user(), nonce.value()))
                .data("done", done).data("error", error).render();
        Response.ResponseBuilder response = Response.status(status).type(MediaType.TEXT_HTML_TYPE).entity(html);
        nonce.cookie().ifPresent(response::cookie);
        return response.build();
    }

    /** The notice of a finished action, from a fixed list: the query parameter names one, it is never shown. */
    private static String notice(String done) {
        return done == null ? null : DONE.get(done);
    }

    private static Response done(String path, String what) {
        return Response.seeOther(URI.create(path + (path.contains("?") ? "&" : "?") + "done=" + what)).build();
    }

    private String user() {
        return identity.getPrincipal().getName();
    }

    private static Optional<String> validId(String id) {
        try {
            return Optional.of(UUID.fromString(id).toString());
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private static String query(String query) {
        return query == null || query.isBlank() || !query.matches("[A-Za-z0-9=&%._*?+-]*") ? "" : "?" + query;
    }

    static String blank(String text) {
        return text == null || text.isBlank() ? null : text.strip();
    }

    /** An option of a select: what is sent, and what is shown. */
    public record Choice(String value, String label) {
    }

    /** The fields of the new-silence form as posted, kept to show them again next to an error. */
    public record SilenceForm(@FormParam("domain") String domain, @FormParam("type") String type,
                              @FormParam("severity") String severity, @FormParam("route") String route,
                              @FormParam("channel") String channel, @FormParam("attribute") String attribute,
                              @FormParam("glob") String glob, @FormParam("duration") String duration,
                              @FormParam("comment") String comment) {

        static final SilenceForm EMPTY = new SilenceForm(null, null, null, null, null, null, null, "PT2H", null);

        /** The form as the management API's request body, so both take the same silences. */
        String json(String createdBy) {
            ObjectNode body = MAPPER.createObjectNode();
            ObjectNode matchers = body.putObject("matchers");
            putIfGiven(matchers, "domain", domain);
            putIfGiven(matchers, "type", type);
            putIfGiven(matchers, "severity", severity);
            putIfGiven(matchers, "route", route);
            putIfGiven(matchers, "channel", channel);
            if (blank(attribute) != null || blank(glob) != null) {
                matchers.putObject("attributes").put(attribute == null ? "" : attribute.strip(), glob == null ? "" : glob);
            }
            putIfGiven(body, "duration", duration);
            body.put("createdBy", createdBy);
            putIfGiven(body, "comment", comment);
            if (matchers.isEmpty()) {
                throw new InvalidFieldException("matchers", "give at least one matcher: a silence of everything is not a button");
            }
            return body.toString();
        }

        private static void putIfGiven(ObjectNode node, String name, String value) {
            if (blank(value) != null) {
                node.put(name, value.strip());
            }
        }
    }

    /**
     * What a silence would have matched in the window of recent events (all of business-events, whichever replica).
     *
     * @param window how far back the window reaches: "1 h", "30 min"
     * @param from   its oldest event, "—" when it is empty
     */
    public record PreviewView(int matched, int examined, String window, String from, List<Example> examples) {

        /** A matching event: when it was written, its type, severity and subject, and the routes it matched on. */
        public record Example(String at, String type, String severity, String subject, String routes) {
        }

        static PreviewView of(RecentEvents.Preview preview, Duration window) {
            long minutes = window.toMinutes();
            return new PreviewView(preview.matched(), preview.examined(),
                    minutes % 60 == 0 ? minutes / 60 + " h" : minutes + " min",
                    preview.from() == null ? OverviewViews.NO_STATUS : OverviewViews.TIME.format(preview.from()),
                    preview.examples().stream().map(e -> new Example(OverviewViews.TIME.format(e.at()), e.type(),
                            e.severity(), e.subject(), String.join(", ", e.routes()))).toList());
        }
    }

    /** The dead-letter filter as the page's form shows it. */
    public record DeadLetterFilterForm(String reason, String channel, String type) {

        static final DeadLetterFilterForm NONE = new DeadLetterFilterForm(null, null, null);

        DeadLetterFilter filter() {
            return DeadLetterFilter.of(reason, channel, type, null, null);
        }

        /** The filter as a query string, for the replay forms to come back to the same list. */
        String query() {
            StringBuilder query = new StringBuilder();
            append(query, "reason", reason);
            append(query, "channel", channel);
            append(query, "type", type);
            return query.toString();
        }

        private static void append(StringBuilder query, String name, String value) {
            if (value != null) {
                query.append(query.isEmpty() ? "" : "&").append(name).append('=')
                        .append(URLEncoder.encode(value, StandardCharsets.UTF_8));
            }
        }
    }

    /** A dead letter as a row of the page: its event's JSON pretty-printed when it is JSON. */
    public record DeadLetterRow(int partition, long offset, String at, String key, String reason, String channel,
                                String route, String type, String replayedAt, String json) {

        static DeadLetterRow of(DeadLetter letter) {
            return new DeadLetterRow(letter.partition(), letter.offset(), letter.timestamp().toString(), letter.key(),
                    letter.reason(), letter.channel(), letter.route(), letter.type(),
                    letter.replayedAt() == null ? null : letter.replayedAt().toString(), pretty(letter.value()));
        }

        private static String pretty(String value) {
            try {
                return MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(MAPPER.readTree(value));
            } catch (JsonProcessingException | IllegalArgumentException e) {
                return value;
            }
        }
    }
}
