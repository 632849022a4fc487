package io.eventmonitoring.bridge.config;

import io.eventmonitoring.bridge.config.BridgeConfig.ChannelConfig;
import io.eventmonitoring.bridge.config.BridgeConfig.RouteConfig;
import io.eventmonitoring.bridge.delivery.ChannelLane;
import io.eventmonitoring.bridge.interaction.SilenceButton;
import io.eventmonitoring.bridge.interaction.SilenceButtons;
import io.eventmonitoring.bridge.delivery.Threading;
import io.eventmonitoring.bridge.match.AttributePath;
import io.eventmonitoring.bridge.match.DomainName;
import io.eventmonitoring.bridge.match.Glob;
import io.eventmonitoring.bridge.routing.Route;
import io.eventmonitoring.bridge.routing.Router;
import io.eventmonitoring.bridge.slack.AppChannel;
import io.eventmonitoring.bridge.slack.BotToken;
import io.eventmonitoring.bridge.slack.SlackDestination;
import io.eventmonitoring.bridge.slack.WebhookUrl;
import io.eventmonitoring.bridge.status.ReplicaStatus;
import io.quarkus.qute.Engine;
import io.quarkus.qute.Template;
import io.quarkus.qute.TemplateException;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Turns {@link BridgeConfig} into routes and channels, or fails with every problem named by its key: a route
 * to a missing channel, a bad glob or template, a channel without a usable webhook URL.
 */
public class BridgeConfigValidator {

    /** What a valid configuration yields. */
    /**
     * @param routeButtons the buttons under each route's messages, by route name
     * @param threading    how each route's events thread, by route name
     */
    public record Validated(Router router, Map<String, ChannelLane> channels, Map<String, Template> routeTemplates,
                            Map<String, Set<SilenceButton>> routeButtons, Map<String, Threading> threading) {
    }

    private final Engine engine;
    private static final Pattern SLACK_CHANNEL_ID = Pattern.compile("[CGD][A-Z0-9]{2,}");

    private final List<String> problems = new ArrayList<>();
    /** One token per secret, so that channels sharing a token share its budgets. */
    private final Map<String, BotToken> tokens = new HashMap<>();

    public BridgeConfigValidator(Engine engine) {
        this.engine = engine;
    }

    public Validated validate(BridgeConfig config) {
        problems.clear();
        tokens.clear();
        Map<String, ChannelLane> channels = new LinkedHashMap<>();
        config.channels().forEach((name, channel) -> channel(name, channel).ifPresent(c -> channels.put(name, c)));
        if (config.channels().isEmpty()) {
            problems.add("bridge.channels: no channel is configured; give at least bridge.channels.<name>.webhook-url");
        }

        List<Route> routes = new ArrayList<>();
        Map<String, Template> routeTemplates = new LinkedHashMap<>();
        Map<String, Set<SilenceButton>> routeButtons = new LinkedHashMap<>();
        Map<String, Threading> threading = new LinkedHashMap<>();
        if (config.routes().isPresent()) {
            List<RouteConfig> configured = config.routes().get();
            Set<String> names = new HashSet<>();
            for (int i = 0; i < configured.size(); i++) {
                RouteConfig route = configured.get(i);
                String key = "bridge.routes[" + i + "]";
                if (!names.add(route.name())) {
                    problems.add(key + ".name: '" + route.name() + "' is used by another route");
                }
                requireChannel(config, key + ".channel", route.channel());
                route.template().flatMap(t -> template(key + ".template", t))
                        .ifPresent(t -> routeTemplates.put(route.name(), t));
                route.buttons().map(b -> SilenceButtons.parse(b, problems, key + ".buttons"))
                        .filter(b -> !b.isEmpty())
                        .ifPresent(b -> routeButtons.put(route.name(), b));
                route(key, route).ifPresent(routes::add);
                threading.put(route.name(), threading(key, route, channels.get(route.channel())));
            }
        } else {
            // The original design's default: each domain posts to the channel of its name, whatever the domain.
            for (String channel : config.channels().keySet()) {
                if (DomainName.isValid(channel)) {
                    routes.add(new Route(channel + "-events", channel, Optional.of(channel),
                            List.of(), Set.of(), Map.of(), false));
                    threading.put(channel + "-events", defaultThreading(channels.get(channel)));
                }
            }
        }
        Duration usersCheck = config.security().usersFileCheckInterval();
        if (usersCheck.isNegative() || usersCheck.isZero()) {
            problems.add("bridge.security.users-file-check-interval: must be positive, was " + usersCheck);
        }
        Optional<Route> defaultRoute = config.defaultChannel().map(channel -> {
            requireChannel(config, "bridge.default-channel", channel);
            threading.put("default", defaultThreading(channels.get(channel)));
            return new Route("default", channel, Optional.empty(), List.of(), Set.of(), Map.of(), false);
        });
        if (!problems.isEmpty()) {
            throw new InvalidBridgeConfigException(problems);
        }
        return new Validated(new Router(routes, defaultRoute), channels, routeTemplates, routeButtons, threading);
    }

    /** App channels thread by the event's key unless the route says otherwise; webhooks cannot thread. */
    private static Threading defaultThreading(ChannelLane channel) {
        return channel != null && channel.token().isPresent() ? Threading.BY_KEY : Threading.NONE;
    }

    private Threading threading(String key, RouteConfig route, ChannelLane channel) {
        List<Glob> broadcast = new ArrayList<>();
        route.replyBroadcast().ifPresent(globs -> globs.forEach(
                glob -> glob(key + ".reply-broadcast", glob).ifPresent(broadcast::add)));
        boolean app = channel != null && channel.token().isPresent();
        String by = route.threadBy().map(String::strip).orElse(app ? "key" : "none");
        if (!by.equals("key") && !by.equals("none")) {
            problems.add(key + ".thread-by: must be key or none, was '" + by + "'");
            return Threading.NONE;
        }
        if (channel != null && !app && (by.equals("key") || !broadcast.isEmpty())) {
            problems.add(key + (by.equals("key") ? ".thread-by" : ".reply-broadcast")
                    + ": threads need an app channel (bot-token and slack-channel-id); channel '"
                    + route.channel() + "' is a webhook");
            return Threading.NONE;
        }
        return new Threading(by.equals("key"), List.copyOf(broadcast));
    }

    private Optional<ChannelLane> channel(String name, ChannelConfig config) {
        String key = "bridge.channels." + name;
        if (name.startsWith(ReplicaStatus.KEY_PREFIX)) {
            problems.add(key + ": a channel's name may not start with '" + ReplicaStatus.KEY_PREFIX
                    + "', bridge-status keys the replicas' records so");
        }
        Optional<? extends SlackDestination> destination = isApp(config) ? app(key, config) : webhook(key, name, config);
        Optional<Template> template = config.template().flatMap(t -> template(key + ".template", t));
        if (config.minInterval().isNegative() || config.minInterval().isZero()) {
            problems.add(key + ".min-interval: must be positive, was " + config.minInterval());
        }
        if (config.digestExamples() < 0 || config.digestExamples() > 10) {
            problems.add(key + ".digest-examples: must be between 0 and 10, was " + config.digestExamples());
        }
        return destination.map(d -> new ChannelLane(name, d, config.minInterval(), template, config.digestExamples()));
    }

    private static boolean isApp(ChannelConfig config) {
        return config.botToken().filter(t -> !t.isBlank()).isPresent() || config.botTokenFile().isPresent()
                || config.slackChannelId().isPresent();
    }

    private Optional<AppChannel> app(String key, ChannelConfig config) {
        if (config.webhookUrl().filter(u -> !u.isBlank()).isPresent() || config.webhookUrlFile().isPresent()) {
            problems.add(key + ": give either webhook-url (or webhook-url-file) or bot-token (or bot-token-file) "
                    + "and slack-channel-id, not both");
        }
        Optional<String> channelId = config.slackChannelId().map(String::strip);
        if (channelId.isEmpty()) {
            problems.add(key + ".slack-channel-id: not set; an app channel needs the id of its Slack channel, "
                    + "e.g. C0123456789");
        } else if (!SLACK_CHANNEL_ID.matcher(channelId.get()).matches()) {
            problems.add(key + ".slack-channel-id: not a Slack channel id (like C0123456789), was '"
                    + channelId.get() + "'");
        }
        Optional<BotToken> token = token(key, config);
        if (token.isEmpty() || channelId.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new AppChannel(token.get(), channelId.get()));
    }

    private Optional<BotToken> token(String key, ChannelConfig config) {
        Optional<String> inline = config.botToken().filter(t -> !t.isBlank());
        if (inline.isPresent()) {
            return Optional.of(tokens.computeIfAbsent("value:" + inline.get().strip(), k -> BotToken.of(inline.get())));
        }
        if (config.botTokenFile().isEmpty()) {
            problems.add(key + ".bot-token: not set; give the app's bot token in the environment or a file in "
                    + key + ".bot-token-file");
            return Optional.empty();
        }
        try {
            Path file = config.botTokenFile().get();
            BotToken token = tokens.computeIfAbsent("file:" + file.toAbsolutePath(), k -> BotToken.fromFile(file));
            return Optional.of(token);
        } catch (UncheckedIOException e) {
            problems.add(key + ".bot-token-file: " + e.getMessage());
            return Optional.empty();
        }
    }

    private Optional<WebhookUrl> webhook(String key, String name, ChannelConfig config) {
        Optional<String> url = config.webhookUrl().filter(u -> !u.isBlank());
        if (url.isEmpty() && config.webhookUrlFile().isPresent()) {
            try {
                url = Optional.of(Files.readString(config.webhookUrlFile().get()).strip());
            } catch (IOException e) {
                problems.add(key + ".webhook-url-file: cannot read " + config.webhookUrlFile().get()
                        + " (" + e.getClass().getSimpleName() + ")");
                return Optional.empty();
            }
        }
        if (url.isEmpty()) {
            problems.add(key + ".webhook-url: not set; give the channel's Slack webhook URL in env SLACK_WEBHOOK_"
                    + name.toUpperCase(Locale.ROOT).replace('-', '_') + " or a file in " + key + ".webhook-url-file"
                    + ", or make it an app channel with " + key + ".bot-token and " + key + ".slack-channel-id");
            return Optional.empty();
        }
        try {
            URI uri = new URI(url.get());
            if (!uri.isAbsolute() || uri.getHost() == null
                    || !("https".equals(uri.getScheme()) || "http".equals(uri.getScheme()))) {
                problems.add(key + ".webhook-url: not an http(s) URL (value not shown: it is a secret)");
                return Optional.empty();
            }
            return Optional.of(new WebhookUrl(uri));
        } catch (URISyntaxException e) {
            problems.add(key + ".webhook-url: not a valid URL (value not shown: it is a secret)");
            return Optional.empty();
        }
    }

    private Optional<Route> route(String key, RouteConfig route) {
        List<Glob> types = new ArrayList<>();
        route.match().type().ifPresent(globs -> {
            for (String glob : globs) {
                glob(key + ".match.type", glob).ifPresent(types::add);
            }
        });
        Map<AttributePath, Glob> attributes = new LinkedHashMap<>();
        route.match().attributes().forEach((path, glob) -> {
            Optional<AttributePath> attribute = attributePath(key + ".match.attributes", path);
            glob(key + ".match.attributes." + path, glob)
                    .ifPresent(g -> attribute.ifPresent(a -> attributes.put(a, g)));
        });
        route.match().domain().ifPresent(domain -> {
            try {
                DomainName.of(domain);
            } catch (IllegalArgumentException e) {
                problems.add(key + ".match.domain: " + e.getMessage());
            }
        });
        return Optional.of(new Route(route.name(), route.channel(), route.match().domain(), types,
                route.match().severity().orElse(Set.of()), attributes, route.continueMatching()));
    }

    private Optional<Glob> glob(String key, String expression) {
        try {
            return Optional.of(Glob.of(expression));
        } catch (IllegalArgumentException e) {
            problems.add(key + ": " + e.getMessage());
            return Optional.empty();
        }
    }

    private Optional<AttributePath> attributePath(String key, String path) {
        try {
            return Optional.of(AttributePath.of(path));
        } catch (IllegalArgumentException e) {
            problems.add(key + ": " + e.getMessage());
            return Optional.empty();
        }
    }

    private Optional<Template> template(String key, String content) {
        try {
            return Optional.of(engine.parse(content));
        } catch (TemplateException e) {
            problems.add(key + ": the template does not parse: " + e.getMessage());
            return Optional.empty();
        }
    }

    private void requireChannel(BridgeConfig config, String key, String channel) {
        if (!config.channels().containsKey(channel)) {
            problems.add(key + ": no channel '" + channel + "' under bridge.channels (known: "
                    + config.channels().keySet() + ")");
        }
    }
}
