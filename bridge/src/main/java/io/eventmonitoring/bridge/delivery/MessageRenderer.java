package io.eventmonitoring.bridge.delivery;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.eventmonitoring.bridge.interaction.SilenceButtons;
import io.eventmonitoring.bridge.outbox.Notification;
import io.eventmonitoring.bridge.slack.SlackLimits;
import io.eventmonitoring.bridge.slack.SlackMessage.Block;
import io.eventmonitoring.bridge.slack.SlackMessage;
import io.eventmonitoring.events.CloudEventCodec;
import io.eventmonitoring.events.MalformedEventException;
import io.quarkus.qute.Template;
import org.jboss.logging.Logger;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;

/** Turns one event, or a burst of them, into a Slack message within Slack's limits. */
public class MessageRenderer {

    private static final Logger LOG = Logger.getLogger(MessageRenderer.class);

    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {
    };

    private final ObjectMapper mapper;
    private final Map<String, Template> routeTemplates;
    private final Function<String, Optional<Template>> domainTemplates;
    private final Template fallback;
    private final SilenceButtons buttons;

    /**
     * A message's template is its route's, else its channel's, else its domain's default, else the fallback.
     *
     * @param routeTemplates  templates of the routes that have one, by route name
     * @param domainTemplates the default template of a domain, if it has one: any domain may, none must
     * @param fallback        the generic template, for events of a domain without one
     */
    public MessageRenderer(ObjectMapper mapper, Map<String, Template> routeTemplates,
                           Function<String, Optional<Template>> domainTemplates, Template fallback) {
        this(mapper, routeTemplates, domainTemplates, fallback, new SilenceButtons(Map.of(), Set.of()));
    }

    /** @param buttons the silence buttons of the routes that show them, under single events' messages */
    public MessageRenderer(ObjectMapper mapper, Map<String, Template> routeTemplates,
                           Function<String, Optional<Template>> domainTemplates, Template fallback,
                           SilenceButtons buttons) {
        this.mapper = mapper;
        this.routeTemplates = Map.copyOf(routeTemplates);
        this.domainTemplates = domainTemplates;
        this.fallback = fallback;
        this.buttons = buttons;
    }

    public SlackMessage single(ChannelLane channel, Notification notification) {
        JsonNode event = parse(notification);
        String body = render(channel, notification, event);
        List<Block> blocks = new ArrayList<>(List.of(Block.section(body), Block.context(footer(event, notification.route()))));
        buttons.actions(notification, domain(event.path("type").asText()), event.path("subject").asText(null))
                .ifPresent(blocks::add);
        return SlackLimits.enforce(new SlackMessage(body, blocks));
    }

    /**
     * The root of an entity's thread: the entity and its latest event's type as a header ({@code order:42 ·
     * order.cancelled}), then that event as a single message shows it. Edited as the entity's events arrive.
     */
    public SlackMessage root(ChannelLane channel, String entity, Notification latest) {
        JsonNode event = parse(latest);
        String state = entity + " · " + latest.type();
        List<Block> blocks = List.of(Block.header(state), Block.section(render(channel, latest, event)),
                Block.context(footer(event, latest.route())));
        return SlackLimits.enforce(new SlackMessage(state, blocks));
    }

    public SlackMessage digest(ChannelLane channel, List<Notification> notifications) {
        return digest(channel, notifications, List.of());
    }

    /**
     * One message that accounts for every event of the burst: counts per type and severity, and a few in full; on an
     * app channel, the entities whose threads the events belong to.
     */
    public SlackMessage digest(ChannelLane channel, List<Notification> notifications, List<String> entities) {
        int total = notifications.size();
        Map<String, Long> byType = countBy(notifications, Notification::type);
        Map<String, Long> bySeverity = countBy(notifications, Notification::severity);
        String summary = total + " events on #" + channel.name() + " (grouped to respect Slack's rate limit)";
        List<Block> blocks = new ArrayList<>();
        blocks.add(Block.header(total + " events"));
        blocks.add(Block.section("*By type*\n" + lines(byType)));
        blocks.add(Block.section("*By severity*\n" + lines(bySeverity)));
        if (!entities.isEmpty()) {
            blocks.add(Block.section("*Entities*\n" + entities.stream().map(e -> "`" + e + "`")
                    .collect(Collectors.joining(", "))));
        }
        int examples = Math.min(channel.digestExamples(), total);
        if (examples > 0) {
            blocks.add(Block.divider());
            blocks.add(Block.context("Latest " + examples + " of " + total + ":"));
            for (Notification example : notifications.subList(total - examples, total)) {
                JsonNode event = parse(example);
                blocks.add(Block.section(render(channel, example, event)));
                blocks.add(Block.context(footer(event, example.route())));
            }
        }
        String text = summary + ": " + byType.entrySet().stream()
                .map(e -> e.getKey() + " × " + e.getValue())
                .collect(Collectors.joining(", "));
        return SlackLimits.enforce(new SlackMessage(text, blocks));
    }

    /** A template that fails on an odd event still yields a message: the event is never stuck on its channel. */
    private String render(ChannelLane channel, Notification notification, JsonNode event) {
        try {
            return renderTemplate(channel, notification, event);
        } catch (RuntimeException e) {
            LOG.warnf("template of route %s failed for event %s, posting it plainly: %s",
                    notification.route(), notification.eventId(), e.getMessage());
            return "*" + event.path("type").asText() + "* `" + event.path("subject").asText() + "`\n"
                    + SlackLimits.truncate(String.valueOf(event.get("data")), 2_000);
        }
    }

    private String renderTemplate(ChannelLane channel, Notification notification, JsonNode event) {
        Map<String, Object> eventFields = new LinkedHashMap<>();
        event.fields().forEachRemaining(f -> {
            if (!"data".equals(f.getKey())) {
                eventFields.put(f.getKey(), f.getValue().asText());
            }
        });
        String domain = domain(event.path("type").asText());
        eventFields.put("domain", domain);
        Template template = Optional.ofNullable(routeTemplates.get(notification.route()))
                .or(channel::template)
                .or(() -> domainTemplates.apply(domain))
                .orElse(fallback);
        JsonNode data = event.get("data");
        Map<String, Object> dataFields = data != null && data.isObject() ? mapper.convertValue(data, MAP) : Map.of();
        return template
                .data("event", eventFields)
                .data("data", dataFields)
                .data("key", notification.key())
                .data("route", notification.route())
                .data("channel", channel.name())
                .render()
                .strip();
    }

    private static String domain(String type) {
        return type.contains(".") ? type.substring(0, type.indexOf('.')) : type;
    }

    private static String footer(JsonNode event, String route) {
        return String.join(" · ",
                "*" + event.path("severity").asText("info") + "*",
                event.path("type").asText(),
                event.path("time").asText(""),
                "route " + route,
                "id " + event.path("id").asText());
    }

    /** The routing stage checked that the event is a CloudEvent; should it not parse, what the notification knows is shown. */
    private static JsonNode parse(Notification notification) {
        try {
            return CloudEventCodec.parse(notification.event());
        } catch (MalformedEventException e) {
            LOG.warnf("event %s of route %s is not JSON, posting what its notification says: %s",
                    notification.eventId(), notification.route(), e.getMessage());
            return JsonNodeFactory.instance.objectNode().put("id", notification.eventId())
                    .put("type", notification.type()).put("severity", notification.severity());
        }
    }

    private static Map<String, Long> countBy(List<Notification> notifications, Function<Notification, String> field) {
        return notifications.stream().collect(Collectors.groupingBy(
                n -> Objects.requireNonNullElse(field.apply(n), "unknown"), TreeMap::new, Collectors.counting()));
    }

    private static String lines(Map<String, Long> counts) {
        return counts.entrySet().stream()
                .map(e -> "• `" + e.getKey() + "` × " + e.getValue())
                .collect(Collectors.joining("\n"));
    }
}
