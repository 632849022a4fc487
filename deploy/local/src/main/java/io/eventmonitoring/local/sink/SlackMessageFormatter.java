package io.eventmonitoring.local.sink;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;

/**
 * A compact, readable rendering of a Slack webhook payload: the {@code text}, then one line per Block Kit block.
 * With blocks, Slack shows the blocks and uses the text only as the notification, which usually repeats them; so
 * only the text's first line is printed then.
 */
public final class SlackMessageFormatter {

    private static final String INDENT = "    ";

    private SlackMessageFormatter() {
    }

    public static String format(String channel, String receivedAt, JsonNode payload) {
        List<String> lines = new ArrayList<>();
        String text = payload.path("text").asText("");
        boolean blocks = !payload.path("blocks").isEmpty() || !payload.path("attachments").isEmpty();
        lines.add("[slack #" + channel + " " + receivedAt + "] "
                + (text.isBlank() ? "(no text)" : blocks ? firstLine(text) : indent(text)));
        payload.path("blocks").forEach(block -> lines.add(INDENT + block(block)));
        payload.path("attachments").forEach(attachment -> {
            lines.add(INDENT + "attachment: " + indent(attachment.path("text").asText(
                    attachment.path("fallback").asText(""))));
            attachment.path("blocks").forEach(block -> lines.add(INDENT + INDENT + block(block)));
        });
        return String.join("\n", lines);
    }

    private static String block(JsonNode block) {
        String type = block.path("type").asText("?");
        return switch (type) {
            case "header" -> "[header] " + text(block.path("text"));
            case "section" -> "[section] " + join(List.of(
                    text(block.path("text")),
                    StreamSupport.stream(block.path("fields").spliterator(), false)
                            .map(field -> text(field).replace("\n" + INDENT + INDENT, " "))
                            .collect(Collectors.joining(" | ")),
                    block.has("accessory") ? "(" + block.path("accessory").path("type").asText() + ")" : ""));
            case "context" -> "[context] " + StreamSupport.stream(block.path("elements").spliterator(), false)
                    .map(e -> e.has("text") ? e.path("text").asText() : e.path("alt_text").asText(""))
                    .collect(Collectors.joining(" · "));
            case "divider" -> "[divider]";
            case "image" -> "[image] " + block.path("alt_text").asText(block.path("image_url").asText(""));
            case "actions" -> "[actions] " + StreamSupport.stream(block.path("elements").spliterator(), false)
                    .map(e -> text(e.path("text")).isEmpty() ? e.path("type").asText() : text(e.path("text")))
                    .collect(Collectors.joining(" | "));
            case "rich_text" -> "[rich_text] " + richText(block);
            default -> "[" + type + "]";
        };
    }

    /** A text object ({@code {"type":"mrkdwn","text":...}}) or a plain string. */
    private static String text(JsonNode node) {
        return indent(node.isTextual() ? node.asText() : node.path("text").asText(""));
    }

    private static String richText(JsonNode node) {
        if (node.has("text") && node.path("text").isTextual()) {
            return node.path("text").asText();
        }
        return StreamSupport.stream(node.path("elements").spliterator(), false)
                .map(SlackMessageFormatter::richText).collect(Collectors.joining());
    }

    private static String join(List<String> parts) {
        return parts.stream().filter(p -> !p.isEmpty()).collect(Collectors.joining(" | "));
    }

    private static String firstLine(String text) {
        int end = text.indexOf('\n');
        return end < 0 ? text : text.substring(0, end) + " …";
    }

    /** Keeps a multi-line text inside the message's visual block. */
    private static String indent(String text) {
        return text.replace("\n", "\n" + INDENT + INDENT);
    }
}
