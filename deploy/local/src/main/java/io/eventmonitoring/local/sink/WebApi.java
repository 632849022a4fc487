package io.eventmonitoring.local.sink;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.time.Instant;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The part of Slack's Web API the bridge's app channels use, on the sink: {@code POST /api/chat.postMessage} posts
 * and answers the message's {@code ts}, with {@code thread_ts} as a reply in that thread; {@code POST
 * /api/chat.update} replaces the message at {@code ts}. Answers are HTTP 200 with {@code {"ok":true,...}} or
 * {@code {"ok":false,"error":...}}, as Slack's. Replies are printed indented under their root's ts, edits marked.
 */
final class WebApi {

    static final String PATH = "/api/";
    /** Messages remembered for threads and edits; the oldest are forgotten beyond this. */
    private static final int REMEMBERED = 100_000;
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss.SSS");
    private static final String REPLY_INDENT = "    ";

    /** What the sink answers: the HTTP status and the JSON body. */
    record Answer(int status, String body) {
    }

    private record Posted(String threadTs) {
    }

    private final ObjectMapper mapper = new ObjectMapper().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    private final Consumer<String> printer;
    private final Consumer<ReceivedMessage> record;
    private final Map<String, Posted> messages = new LinkedHashMap<>(16, 0.75f, false) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Posted> eldest) {
            return size() > REMEMBERED;
        }
    };
    private long lastMicros;

    WebApi(Consumer<String> printer, Consumer<ReceivedMessage> record) {
        this.printer = printer;
        this.record = record;
    }

    synchronized Answer call(String method, String authorization, String body) {
        if (authorization == null || !authorization.startsWith("Bearer ") || authorization.substring(7).isBlank()) {
            return error("not_authed");
        }
        JsonNode request;
        try {
            request = mapper.readTree(body);
        } catch (JsonProcessingException e) {
            return error("invalid_json");
        }
        if (request == null || !request.isObject()) {
            return error("json_not_object");
        }
        String channel = request.path("channel").asText("");
        if (channel.isBlank()) {
            return error("channel_not_found");
        }
        if (request.path("text").asText("").isBlank() && request.path("blocks").isEmpty()) {
            return error("no_text");
        }
        return switch (method) {
            case "chat.postMessage" -> post(channel, request);
            case "chat.update" -> update(channel, request);
            default -> new Answer(404, "{\"ok\":false,\"error\":\"unknown_method\"}");
        };
    }

    private Answer post(String channel, JsonNode request) {
        String threadTs = request.hasNonNull("thread_ts") ? request.path("thread_ts").asText() : null;
        String ts = nextTs();
        messages.put(key(channel, ts), new Posted(threadTs));
        Instant at = Instant.now();
        String message = SlackMessageFormatter.format(channel, LocalTime.now().format(TIME), request);
        printer.accept(threadTs == null ? firstLine(message, "  (ts " + ts + ")")
                : reply(firstLine(message, "  (reply in thread " + threadTs
                        + (request.path("reply_broadcast").asBoolean() ? ", also sent to the channel" : "") + ")")));
        record.accept(ReceivedMessage.of(channel, at, request));
        ObjectNode answer = ok(channel, ts);
        ObjectNode shown = answer.putObject("message").put("ts", ts).put("text", request.path("text").asText(""));
        if (threadTs != null) {
            shown.put("thread_ts", threadTs);
        }
        return new Answer(200, answer.toString());
    }

    private Answer update(String channel, JsonNode request) {
        String ts = request.path("ts").asText("");
        Posted posted = messages.get(key(channel, ts));
        if (posted == null) {
            return error("message_not_found");
        }
        String message = firstLine(SlackMessageFormatter.format(channel, LocalTime.now().format(TIME), request),
                "  (edited ts " + ts + ")");
        printer.accept(posted.threadTs() == null ? message : reply(message));
        return new Answer(200, ok(channel, ts).put("text", request.path("text").asText("")).toString());
    }

    /** Slack's ts: seconds and microseconds, unique and increasing per workspace. */
    private String nextTs() {
        Instant now = Instant.now();
        long micros = Math.max(lastMicros + 1, now.getEpochSecond() * 1_000_000 + now.getNano() / 1_000);
        lastMicros = micros;
        return String.format("%d.%06d", micros / 1_000_000, micros % 1_000_000);
    }

    private ObjectNode ok(String channel, String ts) {
        return mapper.createObjectNode().put("ok", true).put("channel", channel).put("ts", ts);
    }

    private Answer error(String error) {
        return new Answer(200, mapper.createObjectNode().put("ok", false).put("error", error).toString());
    }

    private static String key(String channel, String ts) {
        return channel + "|" + ts;
    }

    private static String firstLine(String message, String suffix) {
        int end = message.indexOf('\n');
        return end < 0 ? message + suffix : message.substring(0, end) + suffix + message.substring(end);
    }

    private static String reply(String message) {
        return REPLY_INDENT + "↳ " + message.replace("\n", "\n" + REPLY_INDENT + "  ");
    }
}
