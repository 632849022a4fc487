package io.eventmonitoring.bridge.delivery;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.eventmonitoring.bridge.slack.SlackLimits;
import io.eventmonitoring.bridge.slack.SlackMessage;
import io.eventmonitoring.bridge.slack.SlackMessage.Block;
import io.quarkus.qute.Template;
import org.jboss.logging.Logger;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.Optional;
import java.util.stream.Collectors;

/** Turns one event, or a burst of them, into a Slack message within Slack's limits. */
public class MessageRenderer {

    private static final Logger LOG = Logger.getLogger(MessageRenderer.class);

    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {
    };

    private final ObjectMapper mapper;
    private final Map<String, Template> routeTemplates;
    private final Map<String, Template> domainTemplates;
    private final Template fallback;

    /**
     * A message's template is its route's, else its channel's, else its domain's default, else the fallback.
     *
     * @param routeTemplates  templates of the routes that have one, by route name
     * @param domainTemplates default templates by domain
     */
    public MessageRenderer(ObjectMapper mapper, Map<String, Template> routeTemplates,
                           Map<String, Template> domainTemplates, Template fallback) {
        this.mapper = mapper;
        this.routeTemplates = Map.copyOf(routeTemplates);
        this.domainTemplates = Map.copyOf(domainTemplates);
        this.fallback = fallback;
    }

    public SlackMessage single(Channel channel, Notification notification) {
        String body = render(channel, notification);
        JsonNode event = notification.event();
        List<Block> blocks = List.of(Block.section(body), Block.context(footer(event, notification.route())));
        return SlackLimits.enforce(new SlackMessage(body, blocks));
    }

    /** One message that accounts for every event of the burst: counts per type and severity, and a few in full. */
    public SlackMessage digest(Channel channel, List<Notification> notifications) {
        int total = notifications.size();
        Map<String, Long> byType = countBy(notifications, "type");
        Map<String, Long> bySeverity = countBy(notifications, "severity");
        String summary = total + " events on #" + channel.name() + " (grouped to respect Slack's rate limit)";
        List<Block> blocks = new ArrayList<>();
        blocks.add(Block.header(total + " events"));
        blocks.add(Block.section("*By type*\n" + lines(byType)));
        blocks.add(Block.section("*By severity*\n" + lines(bySeverity)));
        int examples = Math.min(channel.digestExamples(), total);
        if (examples > 0) {
            blocks.add(Block.divider());
            blocks.add(Block.context("Latest " + examples + " of " + total + ":"));
            for (Notification example : notifications.subList(total - examples, total)) {
                blocks.add(Block.section(render(channel, example)));
                blocks.add(Block.context(footer(example.event(), example.route())));
            }
        }
        String text = summary + ": " + byType.entrySet().stream()
                .map(e -> e.getKey() + " × " + e.getValue())
                .collect(Collectors.joining(", "));
        return SlackLimits.enforce(new SlackMessage(text, blocks));
    }

    /** A template that fails on an odd event still yields a message: the event is never stuck on its channel. */
    private String render(Channel channel, Notification notification) {
        try {
            return renderTemplate(channel, notification);
        } catch (RuntimeException e) {
            LOG.warnf("template of route %s failed for event %s, posting it plainly: %s",
                    notification.route(), notification.eventId(), e.getMessage());
            JsonNode event = notification.event();
            return "*" + event.path("type").asText() + "* `" + event.path("subject").asText() + "`\n"
                    + SlackLimits.truncate(String.valueOf(event.get("data")), 2_000);
        }
    }

    private String renderTemplate(Channel channel, Notification notification) {
        JsonNode event = notification.event();
        Map<String, Object> eventFields = new LinkedHashMap<>();
        event.fields().forEachRemaining(f -> {
            if (!"data".equals(f.getKey())) {
                eventFields.put(f.getKey(), f.getValue().asText());
            }
        });
        String type = event.path("type").asText();
        String domain = type.contains(".") ? type.substring(0, type.indexOf('.')) : type;
        eventFields.put("domain", domain);
        Template template = Optional.ofNullable(routeTemplates.get(notification.route()))
                .or(channel::template)
                .orElseGet(() -> domainTemplates.getOrDefault(domain, fallback));
        JsonNode data = event.get("data");
        Map<String, Object> dataFields = data != null && data.isObject() ? mapper.convertValue(data, MAP) : Map.of();
        return template
                .data("event", eventFields)
                .data("data", dataFields)
                .data("route", notification.route())
                .data("channel", channel.name())
                .render()
                .strip();
    }

    private static String footer(JsonNode event, String route) {
        return String.join(" · ",
                "*" + event.path("severity").asText("info") + "*",
                event.path("type").asText(),
                event.path("time").asText(""),
                "route " + route,
                "id " + event.path("id").asText());
    }

    private static Map<String, Long> countBy(List<Notification> notifications, String field) {
        return notifications.stream().collect(Collectors.groupingBy(
                n -> n.event().path(field).asText("unknown"), TreeMap::new, Collectors.counting()));
    }

    private static String lines(Map<String, Long> counts) {
        return counts.entrySet().stream()
                .map(e -> "• `" + e.getKey() + "` × " + e.getValue())
                .collect(Collectors.joining("\n"));
    }
}
