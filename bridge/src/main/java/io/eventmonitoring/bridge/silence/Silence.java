package io.eventmonitoring.bridge.silence;

import java.time.Instant;
import java.util.Map;

/**
 * A silence as the management API shows it and {@code bridge-silences} stores it: events it matches are counted, not
 * posted, until it expires. Every matcher it sets must match; type and attribute values are globs. It is only ever
 * used compiled, as a {@link SilenceRule}.
 */
public record Silence(String id, Matchers matchers, Instant expiresAt, String createdBy, String comment,
                      Instant createdAt) {

    /** {@code subject} is a glob on the event's subject, the entity's id: with {@code domain}, one entity. */
    public record Matchers(String domain, String type, String severity, String route, String channel,
                           Map<String, String> attributes, String subject) {
    }

    public Silence expiredAt(Instant at) {
        return new Silence(id, matchers, at, createdBy, comment, createdAt);
    }
}
