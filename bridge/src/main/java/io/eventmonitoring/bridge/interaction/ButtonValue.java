package io.eventmonitoring.bridge.interaction;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * What a button carries to Slack and back in its {@code value}: where its message was posted and what it showed.
 *
 * @param key the event's record key ({@code order:42}): the note about the silence is posted under it
 */
@RegisterForReflection
record ButtonValue(String channel, String route, String type, String domain, String subject, String key) {

    /** Slack's limit on a button's value. */
    static final int MAX_LENGTH = 2000;

    private static final ObjectMapper MAPPER = new ObjectMapper()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    String encode() {
        try {
            return MAPPER.writeValueAsString(this);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a button value of strings is always JSON", e);
        }
    }

    static ButtonValue decode(String value) {
        ButtonValue decoded;
        try {
            decoded = MAPPER.readValue(value, ButtonValue.class);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("the button's value is not one of the bridge's: " + e.getOriginalMessage());
        }
        if (decoded == null || decoded.channel() == null || decoded.route() == null) {
            throw new IllegalArgumentException("the button's value names no channel or route");
        }
        return decoded;
    }
}
