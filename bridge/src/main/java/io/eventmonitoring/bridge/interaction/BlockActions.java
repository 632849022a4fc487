package io.eventmonitoring.bridge.interaction;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.eventmonitoring.bridge.silence.Silence;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.UUID;

/**
 * Reads what Slack POSTs when a button is clicked: a form whose field {@code payload} is the JSON of a
 * {@code block_actions} interaction, with the user who clicked and the button's {@code action_id} and {@code value}.
 */
final class BlockActions {

    static final int MAX_CREATED_BY = 100;

    private static final ObjectMapper MAPPER = new ObjectMapper();

    /** One click of one of the bridge's buttons. */
    record Click(SilenceButton button, ButtonValue value, String user) {

        /** The silence the click asks for: an hour of the type or of the entity, on the message's channel. */
        Silence silence(Instant now) {
            Silence.Matchers matchers = button == SilenceButton.TYPE
                    ? new Silence.Matchers(null, value.type(), null, null, value.channel(), null, null)
                    : new Silence.Matchers(value.domain(), null, null, null, value.channel(), null, value.subject());
            return new Silence(UUID.randomUUID().toString(), matchers, now.plus(SilenceButton.DURATION), user,
                    "Slack button: " + button.label(), now);
        }
    }

    private BlockActions() {
    }

    /** The click in a form body, or an {@link IllegalArgumentException} saying what is wrong with it. */
    static Click parse(byte[] body) {
        String payload = null;
        for (String field : new String(body, StandardCharsets.UTF_8).split("&")) {
            int equals = field.indexOf('=');
            if (equals > 0 && "payload".equals(decode(field.substring(0, equals)))) {
                payload = decode(field.substring(equals + 1));
            }
        }
        if (payload == null) {
            throw new IllegalArgumentException("no form field 'payload'");
        }
        JsonNode json;
        try {
            json = MAPPER.readTree(payload);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("the payload is not JSON: " + e.getOriginalMessage());
        }
        if (json == null || !"block_actions".equals(json.path("type").asText())) {
            throw new IllegalArgumentException("not a block_actions payload");
        }
        for (JsonNode action : json.path("actions")) {
            var button = SilenceButton.byId(action.path("action_id").asText());
            if (button.isPresent()) {
                return new Click(button.get(), ButtonValue.decode(action.path("value").asText()), user(json.path("user")));
            }
        }
        throw new IllegalArgumentException("no action of the bridge's buttons");
    }

    /** {@code @username} as Slack shows it, else the user's id. */
    private static String user(JsonNode user) {
        String name = user.path("username").asText(user.path("name").asText(""));
        String who = name.isBlank() ? user.path("id").asText("") : "@" + name;
        if (who.isBlank()) {
            throw new IllegalArgumentException("the payload names no user");
        }
        return who.length() > MAX_CREATED_BY ? who.substring(0, MAX_CREATED_BY) : who;
    }

    private static String decode(String text) {
        return URLDecoder.decode(text, StandardCharsets.UTF_8);
    }
}
