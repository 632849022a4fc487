package io.eventmonitoring.bridge.status;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.quarkus.runtime.annotations.RegisterForReflection;

import java.util.List;

/**
 * The value of a {@code bridge-status} record: the channel's status as JSON with a {@code version}. A record that is
 * not one, or whose key is not its channel, is refused with the reason.
 */
// Statuses go through this codec's own ObjectMapper, which a native image cannot discover by itself.
@RegisterForReflection(targets = {ChannelStatus.class, Delivery.class})
public final class StatusCodec {

    static final int VERSION = 1;

    private static final ObjectMapper MAPPER = new ObjectMapper()
            .registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            // A later version may add fields; this one reads what it knows.
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    private StatusCodec() {
    }

    public static String encode(ChannelStatus status) {
        ObjectNode json = MAPPER.valueToTree(status);
        json.put("version", VERSION);
        return json.toString();
    }

    /** Reads a record value of the given key; the message of the exception is the reason it is refused. */
    public static ChannelStatus decode(String key, String value) {
        JsonNode json;
        try {
            json = MAPPER.readTree(value);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not JSON: " + e.getOriginalMessage());
        }
        if (json == null || !json.isObject()) {
            throw new IllegalArgumentException("not a JSON object");
        }
        JsonNode version = json.get("version");
        if (version != null && !(version.isIntegralNumber() && version.canConvertToInt() && version.intValue() == VERSION)) {
            throw new IllegalArgumentException("unknown version " + version);
        }
        ChannelStatus status;
        try {
            status = MAPPER.treeToValue(json, ChannelStatus.class);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not a channel status: " + e.getOriginalMessage());
        }
        if (status.channel() == null || !status.channel().equals(key)) {
            throw new IllegalArgumentException("the key '" + key + "' is not the status's channel '" + status.channel() + "'");
        }
        if (status.owner() == null || status.publishedAt() == null || status.state() == null) {
            throw new IllegalArgumentException("owner, publishedAt and state are required");
        }
        return status.deliveries() == null ? new ChannelStatus(status.channel(), status.owner(), status.publishedAt(),
                status.state(), status.queued(), status.nextPostAt(), status.lastPost(), List.of()) : status;
    }
}
