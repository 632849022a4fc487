package io.eventmonitoring.bridge.silence;

import io.eventmonitoring.bridge.match.AttributePath;
import io.eventmonitoring.bridge.match.DomainName;
import io.eventmonitoring.bridge.match.Glob;
import io.eventmonitoring.bridge.match.InvalidFieldException;
import io.eventmonitoring.events.CloudEvent;
import io.eventmonitoring.events.Severity;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * A silence compiled once, when it arrives (from the management API or from {@code bridge-silences}): matching an
 * event then only compares and runs globs, and cannot fail.
 */
public final class SilenceRule {

    /** Attribute matchers per silence: each is a glob run on every event the silence sees. */
    public static final int MAX_ATTRIBUTES = 20;
    static final int MAX_NAME = 100;

    private final Silence silence;
    private final Optional<String> domain;
    private final Optional<Glob> type;
    private final Optional<Severity> severity;
    private final Optional<String> route;
    private final Optional<String> channel;
    private final Map<AttributePath, Glob> attributes;
    private final Optional<Glob> subject;

    private SilenceRule(Silence silence, Optional<String> domain, Optional<Glob> type, Optional<Severity> severity,
                        Optional<String> route, Optional<String> channel, Map<AttributePath, Glob> attributes,
                        Optional<Glob> subject) {
        this.silence = silence;
        this.domain = domain;
        this.type = type;
        this.severity = severity;
        this.route = route;
        this.channel = channel;
        this.attributes = attributes;
        this.subject = subject;
    }

    /** Compiles a silence, or names the first field that is wrong with it. */
    public static SilenceRule compile(Silence silence) {
        if (silence.id() == null || silence.id().isBlank()) {
            throw new InvalidFieldException("id", "missing");
        }
        if (silence.expiresAt() == null) {
            throw new InvalidFieldException("expiresAt", "missing");
        }
        Silence.Matchers m = silence.matchers();
        if (m == null) {
            throw new InvalidFieldException("matchers", "missing");
        }
        Optional<String> domain = Optional.ofNullable(m.domain());
        domain.ifPresent(d -> {
            if (!DomainName.isValid(d)) {
                throw new InvalidFieldException("matchers.domain", "not a domain name, the type's prefix before its first dot");
            }
        });
        Optional<Glob> type = Optional.ofNullable(m.type()).map(t -> glob("matchers.type", t));
        Optional<Severity> severity = Optional.ofNullable(m.severity()).map(s -> {
            try {
                return Severity.parse(s);
            } catch (IllegalArgumentException e) {
                throw new InvalidFieldException("matchers.severity", e.getMessage());
            }
        });
        Optional<String> route = Optional.ofNullable(m.route()).map(r -> name("matchers.route", r));
        Optional<String> channel = Optional.ofNullable(m.channel()).map(c -> name("matchers.channel", c));
        Map<AttributePath, Glob> attributes = new LinkedHashMap<>();
        if (m.attributes() != null) {
            if (m.attributes().size() > MAX_ATTRIBUTES) {
                throw new InvalidFieldException("matchers.attributes", "at most " + MAX_ATTRIBUTES + " attributes");
            }
            m.attributes().forEach((path, glob) -> {
                String field = "matchers.attributes." + path;
                AttributePath attribute;
                try {
                    attribute = AttributePath.of(path);
                } catch (IllegalArgumentException e) {
                    throw new InvalidFieldException("matchers.attributes", e.getMessage());
                }
                attributes.put(attribute, glob(field, glob));
            });
        }
        Optional<Glob> subject = Optional.ofNullable(m.subject()).map(t -> glob("matchers.subject", t));
        if (domain.isEmpty() && type.isEmpty() && severity.isEmpty() && route.isEmpty() && channel.isEmpty()
                && attributes.isEmpty() && subject.isEmpty()) {
            throw new InvalidFieldException("matchers", "at least one matcher is required, a silence must not mute everything");
        }
        return new SilenceRule(silence, domain, type, severity, route, channel, Map.copyOf(attributes), subject);
    }

    private static Glob glob(String field, String expression) {
        try {
            return Glob.of(expression);
        } catch (IllegalArgumentException e) {
            throw new InvalidFieldException(field, e.getMessage());
        }
    }

    private static String name(String field, String name) {
        if (name.isBlank() || name.length() > MAX_NAME) {
            throw new InvalidFieldException(field, "must be a name of 1 to " + MAX_NAME + " characters");
        }
        return name;
    }

    public Silence silence() {
        return silence;
    }

    public boolean activeAt(Instant now) {
        return silence.expiresAt().isAfter(now);
    }

    public boolean matches(CloudEvent event, String routeName, String channelName) {
        return domain.map(d -> d.equals(event.domain())).orElse(true)
                && type.map(t -> t.matches(event.type())).orElse(true)
                && severity.map(s -> s == event.severity()).orElse(true)
                && route.map(r -> r.equals(routeName)).orElse(true)
                && channel.map(c -> c.equals(channelName)).orElse(true)
                && subject.map(s -> event.subject() != null && s.matches(event.subject())).orElse(true)
                && attributes.entrySet().stream().allMatch(a -> a.getValue().matches(a.getKey().valueIn(event.data())));
    }
}
