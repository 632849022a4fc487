package io.eventmonitoring.bridge.admin;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.eventmonitoring.bridge.match.InvalidFieldException;
import io.eventmonitoring.bridge.silence.Silence;
import io.eventmonitoring.bridge.silence.SilenceRule;

import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Reads the body of {@code POST /admin/silences} field by field, so that anything wrong with it, whatever JSON it is,
 * is an {@link InvalidFieldException} naming the field, and what it accepts is a compiled silence.
 */
public final class SilenceRequests {

    /** A silence forgotten for longer than this is a mistake; renew it instead. */
    static final Duration MAX_DURATION = Duration.ofDays(365);
    static final int MAX_CREATED_BY = 100;
    static final int MAX_COMMENT = 500;

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final Set<String> FIELDS = Set.of("matchers", "expiresAt", "duration", "createdBy", "comment");
    private static final Set<String> MATCHERS = Set.of("domain", "type", "severity", "route", "channel", "attributes", "subject");

    private final Set<String> routes;
    private final Set<String> channels;

    /** Routes and channels a silence may name: a typo would otherwise silence nothing, unnoticed. */
    public SilenceRequests(Set<String> routes, Set<String> channels) {
        this.routes = Set.copyOf(routes);
        this.channels = Set.copyOf(channels);
    }

    public SilenceRule parse(String body, Instant now) {
        JsonNode json;
        try {
            json = body == null || body.isBlank() ? null : MAPPER.readTree(body);
        } catch (JsonProcessingException e) {
            throw new InvalidFieldException("body", "not JSON: " + e.getOriginalMessage());
        }
        if (json == null || !json.isObject()) {
            throw new InvalidFieldException("body", "must be a JSON object with matchers and a duration or expiresAt");
        }
        onlyKnown(json, "", FIELDS);
        Silence.Matchers matchers = matchers(json.get("matchers"));
        Instant expiresAt = expiresAt(json, now);
        String createdBy = text(json, "createdBy", "createdBy", MAX_CREATED_BY);
        String comment = text(json, "comment", "comment", MAX_COMMENT);
        SilenceRule rule = SilenceRule.compile(new Silence(UUID.randomUUID().toString(), matchers, expiresAt,
                createdBy, comment, now));
        if (matchers.route() != null && !routes.contains(matchers.route())) {
            throw new InvalidFieldException("matchers.route", "no route '" + matchers.route() + "' (known: "
                    + routes.stream().sorted().toList() + ")");
        }
        if (matchers.channel() != null && !channels.contains(matchers.channel())) {
            throw new InvalidFieldException("matchers.channel", "no channel '" + matchers.channel() + "' (known: "
                    + channels.stream().sorted().toList() + ")");
        }
        return rule;
    }

    private static Silence.Matchers matchers(JsonNode json) {
        if (json == null || json.isNull()) {
            throw new InvalidFieldException("matchers", "missing; give at least one of " + MATCHERS.stream().sorted().toList());
        }
        if (!json.isObject()) {
            throw new InvalidFieldException("matchers", "must be an object");
        }
        onlyKnown(json, "matchers.", MATCHERS);
        Map<String, String> attributes = null;
        JsonNode attributesJson = json.get("attributes");
        if (attributesJson != null && !attributesJson.isNull()) {
            if (!attributesJson.isObject()) {
                throw new InvalidFieldException("matchers.attributes", "must be an object of dotted path to glob");
            }
            attributes = new LinkedHashMap<>();
            for (Iterator<Map.Entry<String, JsonNode>> it = attributesJson.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> attribute = it.next();
                String field = "matchers.attributes." + attribute.getKey();
                if (!attribute.getValue().isTextual()) {
                    throw new InvalidFieldException(field, "must be a glob in a string");
                }
                attributes.put(attribute.getKey(), attribute.getValue().textValue());
            }
        }
        return new Silence.Matchers(text(json, "domain", "matchers.domain", Integer.MAX_VALUE),
                text(json, "type", "matchers.type", Integer.MAX_VALUE),
                text(json, "severity", "matchers.severity", Integer.MAX_VALUE),
                text(json, "route", "matchers.route", Integer.MAX_VALUE),
                text(json, "channel", "matchers.channel", Integer.MAX_VALUE),
                attributes,
                text(json, "subject", "matchers.subject", Integer.MAX_VALUE));
    }

    private static Instant expiresAt(JsonNode json, Instant now) {
        String expiresAtText = text(json, "expiresAt", "expiresAt", 100);
        String durationText = text(json, "duration", "duration", 100);
        if (expiresAtText != null && durationText != null) {
            throw new InvalidFieldException("duration", "give a duration or expiresAt, not both");
        }
        if (durationText != null) {
            Duration duration;
            try {
                duration = Duration.parse(durationText);
            } catch (DateTimeParseException e) {
                throw new InvalidFieldException("duration", "not an ISO-8601 duration such as PT2H: '" + durationText + "'");
            }
            if (duration.isNegative() || duration.isZero() || duration.compareTo(MAX_DURATION) > 0) {
                throw new InvalidFieldException("duration", "must be positive and at most " + MAX_DURATION.toDays() + " days");
            }
            return now.plus(duration);
        }
        if (expiresAtText != null) {
            Instant expiresAt;
            try {
                expiresAt = Instant.parse(expiresAtText);
            } catch (DateTimeParseException e) {
                throw new InvalidFieldException("expiresAt", "not an ISO-8601 instant such as 2026-01-01T12:00:00Z: '"
                        + expiresAtText + "'");
            }
            if (!expiresAt.isAfter(now) || expiresAt.isAfter(now.plus(MAX_DURATION))) {
                throw new InvalidFieldException("expiresAt", "must be in the future, at most "
                        + MAX_DURATION.toDays() + " days from now");
            }
            return expiresAt;
        }
        throw new InvalidFieldException("duration", "missing; give a duration such as PT2H, or expiresAt");
    }

    /** A string field, null when absent or null. */
    private static String text(JsonNode json, String name, String field, int maxLength) {
        JsonNode value = json.get(name);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isTextual()) {
            throw new InvalidFieldException(field, "must be a string");
        }
        if (value.textValue().length() > maxLength) {
            throw new InvalidFieldException(field, "must be at most " + maxLength + " characters");
        }
        return value.textValue();
    }

    private static void onlyKnown(JsonNode json, String prefix, Set<String> known) {
        for (Iterator<String> names = json.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!known.contains(name)) {
                throw new InvalidFieldException(prefix + name, "unknown field (known: " + known.stream().sorted().toList() + ")");
            }
        }
    }
}
