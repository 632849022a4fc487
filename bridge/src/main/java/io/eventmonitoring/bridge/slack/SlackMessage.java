package io.eventmonitoring.bridge.slack;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonValue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** An incoming-webhook payload: Block Kit blocks with the {@code text} fallback notifications show. */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record SlackMessage(String text, List<Block> blocks) {

    /**
     * A Block Kit block. Slack calls the parts of a context block and the buttons of an actions block both
     * {@code elements}; here they are apart, so that a context block's elements stay texts.
     */
    public record Block(String type, Text text, List<Text> elements, List<Button> buttons) {

        public Block(String type, Text text, List<Text> elements) {
            this(type, text, elements, List.of());
        }

        public static Block section(String mrkdwn) {
            return new Block("section", Text.mrkdwn(mrkdwn), List.of());
        }

        public static Block header(String plain) {
            return new Block("header", new Text("plain_text", plain), List.of());
        }

        public static Block context(String mrkdwn) {
            return new Block("context", null, List.of(Text.mrkdwn(mrkdwn)));
        }

        public static Block divider() {
            return new Block("divider", null, List.of());
        }

        public static Block actions(List<Button> buttons) {
            return new Block("actions", null, List.of(), List.copyOf(buttons));
        }

        @JsonValue
        Map<String, Object> json() {
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("type", type);
            if (text != null) {
                json.put("text", text);
            }
            List<?> parts = buttons == null || buttons.isEmpty() ? elements : buttons;
            if (parts != null && !parts.isEmpty()) {
                json.put("elements", parts);
            }
            return json;
        }
    }

    public record Text(String type, String text) {

        public static Text mrkdwn(String text) {
            return new Text("mrkdwn", text);
        }
    }

    /** A button of an actions block: Slack sends its {@code action_id} and {@code value} back when it is clicked. */
    public record Button(Text text, @JsonProperty("action_id") String actionId, String value) {

        @JsonProperty("type")
        public String type() {
            return "button";
        }

        public static Button of(String label, String actionId, String value) {
            return new Button(new Text("plain_text", label), actionId, value);
        }
    }
}
