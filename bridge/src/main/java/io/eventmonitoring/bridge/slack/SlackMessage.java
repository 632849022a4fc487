package io.eventmonitoring.bridge.slack;

import com.fasterxml.jackson.annotation.JsonInclude;

import java.util.List;

/** An incoming-webhook payload: Block Kit blocks with the {@code text} fallback notifications show. */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record SlackMessage(String text, List<Block> blocks) {

    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    public record Block(String type, Text text, List<Text> elements) {

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
    }

    public record Text(String type, String text) {

        public static Text mrkdwn(String text) {
            return new Text("mrkdwn", text);
        }
    }
}
