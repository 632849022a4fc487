package io.eventmonitoring.events;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

import java.time.Instant;
import java.time.format.DateTimeParseException;

/** Reads and writes business events as CloudEvents structured JSON; reading rejects anything that is not one. */
public final class CloudEventCodec {

    private static final ObjectMapper MAPPER = new ObjectMapper()
            .registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            // A value is one JSON document: the bridge embeds accepted events as they are, text after one would break that.
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private CloudEventCodec() {
    }

    public static String encode(CloudEvent event) {
        try {
            return MAPPER.writeValueAsString(event);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot encode event " + event.id(), e);
        }
    }

    /** Parses and checks the required CloudEvents attributes; the message of the exception is the reason. */
    public static CloudEvent decode(String json) {
        if (json == null || json.isBlank()) {
            throw new MalformedEventException("empty record value");
        }
        return decode(parse(json));
    }

    /** Parses a record value as JSON; the message of the exception is the reason. */
    public static JsonNode parse(String json) {
        if (json == null || json.isBlank()) {
            throw new MalformedEventException("empty record value");
        }
        try {
            return MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            throw new MalformedEventException("not JSON: " + e.getOriginalMessage());
        }
    }

    /** Checks the required CloudEvents attributes of parsed JSON; the message of the exception is the reason. */
    public static CloudEvent decode(JsonNode node) {
        if (!node.isObject()) {
            throw new MalformedEventException("not a JSON object");
        }
        String specversion = requiredText(node, "specversion");
        if (!CloudEvent.SPEC_VERSION.equals(specversion)) {
            throw new MalformedEventException("unsupported specversion '" + specversion + "'");
        }
        Severity severity;
        try {
            severity = node.hasNonNull("severity") ? Severity.parse(node.get("severity").asText()) : Severity.INFO;
        } catch (IllegalArgumentException e) {
            throw new MalformedEventException(e.getMessage());
        }
        Instant time;
        try {
            time = node.hasNonNull("time") ? Instant.parse(node.get("time").asText()) : null;
        } catch (DateTimeParseException e) {
            throw new MalformedEventException("time is not RFC 3339: " + node.get("time").asText());
        }
        return new CloudEvent(specversion,
                requiredText(node, "id"),
                requiredText(node, "source"),
                requiredText(node, "type"),
                optionalText(node, "subject"),
                time,
                optionalText(node, "datacontenttype"),
                severity,
                node.get("data"));
    }

    private static String requiredText(JsonNode node, String field) {
        JsonNode value = node.get(field);
        if (value == null || !value.isTextual() || value.asText().isBlank()) {
            throw new MalformedEventException("not a CloudEvent: missing or empty '" + field + "'");
        }
        return value.asText();
    }

    private static String optionalText(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }
}
