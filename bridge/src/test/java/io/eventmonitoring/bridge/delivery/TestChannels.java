package io.eventmonitoring.bridge.delivery;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.eventmonitoring.bridge.slack.AppChannel;
import io.eventmonitoring.bridge.slack.BotToken;
import io.eventmonitoring.bridge.slack.WebhookUrl;
import io.quarkus.qute.Engine;
import io.quarkus.qute.Results;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** Channels and a renderer built the way the bridge builds them, without Quarkus. */
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

    static ChannelLane channel(String name, Duration minInterval) {
        return new ChannelLane(name, new WebhookUrl(URI.create("https://hooks.example.invalid/services/T/B/" + name)),
                minInterval, Optional.empty(), 3);
    }

    static ChannelLane app(String name, Duration minInterval, BotToken token) {
        return new ChannelLane(name, new AppChannel(token, "C0" + name.toUpperCase(Locale.ROOT)), minInterval,
                Optional.empty(), 3);
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
}
