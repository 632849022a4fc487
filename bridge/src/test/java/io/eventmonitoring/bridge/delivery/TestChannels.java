package io.eventmonitoring.bridge.delivery;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.eventmonitoring.bridge.slack.WebhookUrl;
import io.eventmonitoring.events.CloudEvent;
import io.eventmonitoring.events.CloudEventCodec;
import io.eventmonitoring.events.EventType;
import io.quarkus.qute.Engine;
import io.quarkus.qute.Results;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/** Channels, notifications and a renderer built the way the bridge builds them, without Quarkus. */
final class TestChannels {

    static final ObjectMapper MAPPER = new ObjectMapper();
    static final Engine ENGINE = Engine.builder().addDefaults().strictRendering(false)
            .addResultMapper(new io.quarkus.qute.ResultMapper() {
                @Override
                public boolean appliesTo(io.quarkus.qute.TemplateNode.Origin origin, Object result) {
                    return Results.isNotFound(result);
                }

                @Override
                public String map(Object result, io.quarkus.qute.Expression expression) {
                    return "";
                }
            })
            .build();

    private TestChannels() {
    }

    static Channel channel(String name, Duration minInterval) {
        return new Channel(name, new WebhookUrl(URI.create("https://hooks.example.invalid/services/T/B/" + name)),
                minInterval, Optional.empty(), 3);
    }

    static MessageRenderer renderer() {
        Map<String, io.quarkus.qute.Template> domains = Map.of("user", template("user"), "order", template("order"));
        return new MessageRenderer(MAPPER, Map.of(), domain -> Optional.ofNullable(domains.get(domain)), template("event"));
    }

    static io.quarkus.qute.Template template(String name) {
        try (InputStream in = TestChannels.class.getResourceAsStream("/templates/slack/" + name + ".txt")) {
            return ENGINE.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    static Notification notification(String channel, EventType type, ObjectNode data) {
        CloudEvent event = CloudEvent.of(type, "subject-1", data);
        return new Notification(event.id(), channel + "-route", channel, event.key(), event.type(),
                event.severity().value(), CloudEventCodec.encode(event), "business-events", 0, 0);
    }

    static Notification notification(String channel, EventType type, String marker) {
        return notification(channel, type, JsonNodeFactory.instance.objectNode().put("marker", marker));
    }
}
