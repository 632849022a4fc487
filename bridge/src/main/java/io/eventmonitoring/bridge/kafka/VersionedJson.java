package io.eventmonitoring.bridge.kafka;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

/**
 * The value of a record of a compacted topic the bridge keeps its state in: an object as JSON with a {@code version}.
 * Reading refuses, with the reason as the exception's message, a value that is not a JSON object, states no version or
 * another one, or is not of the type.
 */
public final class VersionedJson {

    private final int version;
    private final ObjectMapper mapper;

    private VersionedJson(int version, boolean skipUnknownFields) {
        this.version = version;
        this.mapper = new ObjectMapper()
                .registerModule(new JavaTimeModule())
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, !skipUnknownFields);
    }

    /** A field this version does not know is refused. */
    public static VersionedJson strict(int version) {
        return new VersionedJson(version, false);
    }

    /** A field this version does not know is skipped: a later version may add some that this one can do without. */
    public static VersionedJson lenient(int version) {
        return new VersionedJson(version, true);
    }

    public String encode(Object value) {
        ObjectNode json = mapper.valueToTree(value);
        json.put("version", version);
        return json.toString();
    }

    /** @param what the type in the reason a value is refused for: "not a {what}: ..." */
    public <T> T decode(String value, Class<T> type, String what) {
        JsonNode json;
        try {
            json = mapper.readTree(value);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not JSON: " + e.getOriginalMessage());
        }
        if (json == null || !json.isObject()) {
            throw new IllegalArgumentException("not a JSON object");
        }
        JsonNode stated = ((ObjectNode) json).remove("version");
        if (stated == null) {
            throw new IllegalArgumentException("no version");
        }
        if (!(stated.isIntegralNumber() && stated.canConvertToInt() && stated.intValue() == version)) {
            throw new IllegalArgumentException("unknown version " + stated);
        }
        try {
            return mapper.treeToValue(json, type);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not a " + what + ": " + e.getOriginalMessage());
        }
    }
}
