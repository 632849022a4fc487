package io.eventmonitoring.local.sink;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the sink accepted, as the bridge's messages let it be counted: a digest says how many events it stands for
 * ({@code "N events on #channel ..."}) and shows the latest few in full; every event shown in full carries
 * {@code id <event id>} in its context line. One JSON line each in the sink's record.
 */
public record ReceivedMessage(String channel, Instant at, boolean digest, int events, List<String> eventIds) {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern DIGEST = Pattern.compile("^(\\d+) events on #");
    private static final Pattern EVENT_ID = Pattern.compile("\\bid ([0-9a-fA-F-]{36})\\b");

    public ReceivedMessage {
        eventIds = List.copyOf(eventIds);
    }

    public static ReceivedMessage of(String channel, Instant at, JsonNode payload) {
        Matcher digest = DIGEST.matcher(payload.path("text").asText(""));
        Set<String> ids = new LinkedHashSet<>();
        for (JsonNode block : payload.path("blocks")) {
            if ("context".equals(block.path("type").asText())) {
                for (JsonNode element : block.path("elements")) {
                    Matcher id = EVENT_ID.matcher(element.path("text").asText(""));
                    while (id.find()) {
                        ids.add(id.group(1));
                    }
                }
            }
        }
        boolean isDigest = digest.find();
        return new ReceivedMessage(channel, at, isDigest, isDigest ? Integer.parseInt(digest.group(1)) : 1,
                new ArrayList<>(ids));
    }

    public String toJsonLine() {
        ObjectNode line = JSON.createObjectNode()
                .put("channel", channel)
                .put("at", at.toString())
                .put("digest", digest)
                .put("events", events);
        eventIds.forEach(line.putArray("eventIds")::add);
        return line.toString();
    }

    public static ReceivedMessage fromJsonLine(String line) {
        try {
            JsonNode json = JSON.readTree(line);
            List<String> ids = new ArrayList<>();
            json.path("eventIds").forEach(id -> ids.add(id.asText()));
            return new ReceivedMessage(json.path("channel").asText(), Instant.parse(json.path("at").asText()),
                    json.path("digest").asBoolean(), json.path("events").asInt(), ids);
        } catch (IOException e) {
            throw new UncheckedIOException("not a line of the sink's record: " + line, e);
        }
    }
}
