package io.eventmonitoring.bridge.silence;

import io.eventmonitoring.bridge.routing.Glob;
import io.eventmonitoring.bridge.routing.Route;
import io.eventmonitoring.events.CloudEvent;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import java.time.Instant;
import java.util.Map;

/**
 * A silence: events it matches are counted, not posted, until it expires. Every matcher it sets must match; type and
 * attribute values are globs.
 */
public record Silence(String id, @NotNull @Valid Matchers matchers, @NotNull Instant expiresAt,
                      @Size(max = 100) String createdBy, @Size(max = 500) String comment, Instant createdAt) {

    public record Matchers(@Size(max = 100) String domain, @Size(max = 200) String type, String severity,
                           @Size(max = 100) String route, @Size(max = 100) String channel,
                           Map<String, String> attributes) {

        /** A silence without matchers would mute everything. */
        public boolean isEmpty() {
            return domain == null && type == null && severity == null && route == null && channel == null
                    && (attributes == null || attributes.isEmpty());
        }
    }

    public boolean activeAt(Instant now) {
        return expiresAt.isAfter(now);
    }

    public boolean matches(CloudEvent event, String route, String channel) {
        Matchers m = matchers;
        return (m.domain() == null || m.domain().equals(event.domain()))
                && (m.type() == null || Glob.of(m.type()).matches(event.type()))
                && (m.severity() == null || m.severity().equalsIgnoreCase(event.severity().value()))
                && (m.route() == null || m.route().equals(route))
                && (m.channel() == null || m.channel().equals(channel))
                && (m.attributes() == null || m.attributes().entrySet().stream().allMatch(a ->
                Glob.of(a.getValue()).matches(Route.attribute(event.data(), a.getKey()))));
    }
}
