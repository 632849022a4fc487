package io.eventmonitoring.bridge.silence;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * The value of a {@code bridge-silences} record: the silence's JSON with a {@code version}. Reading compiles the
 * silence, so a record that is not JSON, not a valid silence or of an unknown version is rejected with the reason.
 */
// Silences go through this codec's own ObjectMapper, which a native image cannot discover by itself.
@RegisterForReflection(targets = {Silence.class, Silence.Matchers.class})
public final class SilenceCodec {

    static final int VERSION = 1;

    private static final ObjectMapper MAPPER = new ObjectMapper()
            .registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

    private SilenceCodec() {
    }

    public static String encode(Silence silence) {
        ObjectNode json = MAPPER.valueToTree(silence);
        json.put("version", VERSION);
        return json.toString();
    }

    /** Reads and compiles a record value of the given key; the message of the exception is the reason. */
    public static SilenceRule decode(String key, String value) {
        JsonNode json;
        try {
            json = MAPPER.readTree(value);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not JSON: " + e.getOriginalMessage());
        }
        if (json == null || !json.isObject()) {
            throw new IllegalArgumentException("not a JSON object");
        }
        JsonNode version = ((ObjectNode) json).remove("version");
        if (version == null) {
            throw new IllegalArgumentException("no version");
        }
        if (!(version.isIntegralNumber() && version.canConvertToInt() && version.intValue() == VERSION)) {
            throw new IllegalArgumentException("unknown version " + version);
        }
        Silence silence;
        try {
            silence = MAPPER.treeToValue(json, Silence.class);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not a silence: " + e.getOriginalMessage());
        }
        SilenceRule rule = SilenceRule.compile(silence);
        if (!silence.id().equals(key)) {
            throw new IllegalArgumentException("the key '" + key + "' is not the silence's id '" + silence.id() + "'");
        }
        return rule;
    }
}
