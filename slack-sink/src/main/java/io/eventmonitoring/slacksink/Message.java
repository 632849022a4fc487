package io.eventmonitoring.slacksink;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;

/**
 * A message the sink accepted, as the bridge's messages let it be counted: a digest says how many events it stands
 * for ({@code "N events on #channel ..."}) and shows the latest few in full, each with {@code id <event id>} in its
 * context line.
 *
 * @param method   {@code webhook}, {@code chat.postMessage} or {@code chat.update}
 * @param ts       the Web API's message ts (of the edited message for an update); null for a webhook
 * @param threadTs the root's ts of a reply; null otherwise
 */
public record Message(String channel, Instant at, String method, String ts, String threadTs, String text,
                      List<String> eventIds) {

    public static final String WEBHOOK = "webhook";
    public static final String UPDATE = "chat.update";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern DIGEST = Pattern.compile("^(\\d+) events on #");
    private static final Pattern EVENT_ID = Pattern.compile("\\bid ([0-9a-fA-F-]{36})\\b");

    public Message {
        eventIds = List.copyOf(eventIds);
    }

    static Message of(String channel, String method, String ts, String threadTs, JsonNode payload) {
        List<String> ids = new ArrayList<>();
        for (JsonNode block : payload.path("blocks")) {
            for (JsonNode element : block.path("elements")) {
                Matcher id = EVENT_ID.matcher("context".equals(block.path("type").asText())
                        ? element.path("text").asText("") : "");
                while (id.find()) {
                    if (!ids.contains(id.group(1))) {
                        ids.add(id.group(1));
                    }
                }
            }
        }
        return new Message(channel, Instant.now(), method, ts, threadTs, payload.path("text").asText(""), ids);
    }

    public boolean digest() {
        return DIGEST.matcher(text).find();
    }

    /** The events the message stands for: a digest's count, else one. */
    public int events() {
        Matcher digest = DIGEST.matcher(text);
        return digest.find() ? Integer.parseInt(digest.group(1)) : 1;
    }

    public boolean isEdit() {
        return UPDATE.equals(method);
    }

    public String toJsonLine() {
        ObjectNode line = JSON.createObjectNode().put("channel", channel).put("at", at.toString()).put("method", method)
                .put("ts", ts).put("threadTs", threadTs).put("text", text);
        eventIds.forEach(line.putArray("eventIds")::add);
        return line.toString();
    }

    public static Message fromJsonLine(String line) {
        try {
            JsonNode json = JSON.readTree(line);
            return new Message(json.path("channel").asText(), Instant.parse(json.path("at").asText()),
                    json.path("method").asText(WEBHOOK), json.path("ts").asText(null), json.path("threadTs").asText(null),
                    json.path("text").asText(""), StreamSupport.stream(json.path("eventIds").spliterator(), false)
                    .map(JsonNode::asText).collect(Collectors.toList()));
        } catch (IOException e) {
            throw new UncheckedIOException("not a line of the sink's record: " + line, e);
        }
    }
}
