package io.eventmonitoring.slacksink;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;

/**
 * A local stand-in for Slack on 127.0.0.1. Incoming webhooks: {@code POST /services/<channel>[/...]} with a JSON
 * payload (or the form field {@code payload=}) is answered {@code 200 ok}, {@code 400 invalid_payload} or
 * {@code 400 no_text} as Slack answers. Web API: {@code POST /api/chat.postMessage} answers a new {@code ts} (a reply
 * with {@code thread_ts}), {@code /api/chat.update} replaces the message at {@code ts}; HTTP 200 with
 * {@code ok:true} or {@code ok:false} and Slack's error codes. Every accepted message is printed in a readable form
 * and handed to a record; while a {@link Fault} is on (the chaos run switches it), messages are refused with it.
 */
public final class SlackSink implements AutoCloseable {

    public static final String PATH = "/services/";
    public static final String API = "/api/";
    /** Slack's own limit for a message is far below this; a bigger body is not a Slack message. */
    private static final int MAX_BODY_BYTES = 1024 * 1024;
    /** Messages remembered for threads and edits; the oldest are forgotten beyond this. */
    private static final int REMEMBERED = 100_000;
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss.SSS");
    private static final String INDENT = "    ";
    private static final ObjectMapper JSON = new ObjectMapper().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    /** How the sink answers while a fault is on, as Slack does when it is busy ({@code 429}) or failing. */
    public record Fault(int status, Duration retryAfter) {

        public static Fault rateLimited(Duration retryAfter) {
            return new Fault(429, retryAfter);
        }

        public static Fault serverError() {
            return new Fault(500, Duration.ZERO);
        }
    }

    private record Answer(int status, String body) {
    }

    private final HttpServer server;
    private final ExecutorService executor = Executors.newFixedThreadPool(2, task -> {
        Thread thread = new Thread(task, "slack-sink");
        thread.setDaemon(true);
        return thread;
    });
    private final Consumer<String> printer;
    private final Consumer<Message> record;
    /** Web API messages by channel and ts, with their root's ts ("" for a root), for replies and edits. */
    private final Map<String, String> threads = new LinkedHashMap<>() {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, String> eldest) {
            return size() > REMEMBERED;
        }
    };
    private long lastMicros;
    private volatile Fault fault;

    private SlackSink(HttpServer server, Consumer<String> printer, Consumer<Message> record) {
        this.server = server;
        this.printer = printer;
        this.record = record;
    }

    /** Starts on 127.0.0.1:{@code port} (0: any free port); accepted messages go to {@code printer} and {@code record}. */
    public static SlackSink start(int port, Consumer<String> printer, Consumer<Message> record) {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 16);
            SlackSink sink = new SlackSink(server, printer, record);
            sink.server.createContext("/", sink::handle);
            sink.server.setExecutor(sink.executor);
            sink.server.start();
            return sink;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start the Slack sink on 127.0.0.1:" + port, e);
        }
    }

    public int port() {
        return server.getAddress().getPort();
    }

    /** The webhook URL of a channel, e.g. {@code http://127.0.0.1:29080/services/user}. */
    public String url(String channel) {
        return "http://127.0.0.1:" + port() + PATH + channel;
    }

    /** The Web API's base URL, as {@code bridge.slack.api-url} takes it: {@code http://127.0.0.1:29080/api}. */
    public String apiUrl() {
        return "http://127.0.0.1:" + port() + "/api";
    }

    public void answerWith(Fault fault) {
        this.fault = fault;
    }

    public void answerNormally() {
        fault = null;
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath();
            String channel = path.startsWith(PATH) ? path.substring(PATH.length()).split("/", 2)[0] : "";
            if (!path.startsWith(API) && channel.isEmpty()) {
                respond(exchange, new Answer(404, "no_service"), "text/plain");
                return;
            }
            if (!"POST".equals(exchange.getRequestMethod())) {
                exchange.getResponseHeaders().add("Allow", "POST");
                respond(exchange, new Answer(405, "invalid_method"), "text/plain");
                return;
            }
            String body;
            try (InputStream in = exchange.getRequestBody()) {
                byte[] bytes = in.readNBytes(MAX_BODY_BYTES + 1);
                body = bytes.length > MAX_BODY_BYTES ? "" : new String(bytes, StandardCharsets.UTF_8);
            }
            Fault failing = fault;
            if (failing != null && failing.status() == 429) {
                exchange.getResponseHeaders().set("Retry-After", Long.toString(failing.retryAfter().toSeconds()));
            }
            if (path.startsWith(API)) {
                String authorization = exchange.getRequestHeaders().getFirst("Authorization");
                respond(exchange, failing == null ? webApi(path.substring(API.length()), authorization, body)
                        : error(failing.status(), failing.status() == 429 ? "ratelimited" : "internal_error"),
                        "application/json");
            } else {
                respond(exchange, webhook(channel, exchange.getRequestHeaders().getFirst("Content-Type"), body, failing),
                        "text/plain");
            }
        }
    }

    private Answer webhook(String channel, String contentType, String body, Fault failing) {
        if (contentType != null && contentType.startsWith("application/x-www-form-urlencoded")) {
            // Slack takes the JSON in a form field `payload`; curl -d sends a bare JSON body with this type too.
            body = formField(body, "payload");
        }
        JsonNode payload = parse(body);
        if (payload == null) {
            return new Answer(400, "invalid_payload");
        }
        if (!hasText(payload) && payload.path("attachments").isEmpty()) {
            return new Answer(400, "no_text");
        }
        if (failing != null) {
            return new Answer(failing.status(), failing.status() == 429 ? "rate_limited" : "internal_error");
        }
        accept(Message.of(channel, Message.WEBHOOK, null, null, payload), format(channel, payload), "");
        return new Answer(200, "ok");
    }

    private synchronized Answer webApi(String method, String authorization, String body) {
        if (authorization == null || !authorization.startsWith("Bearer ") || authorization.substring(7).isBlank()) {
            return error(200, "not_authed");
        }
        JsonNode request = parse(body);
        String channel = request == null ? "" : request.path("channel").asText("");
        if (request == null || channel.isBlank() || !hasText(request)) {
            return error(200, request == null ? "invalid_json" : channel.isBlank() ? "channel_not_found" : "no_text");
        }
        ObjectNode answer = JSON.createObjectNode().put("ok", true).put("channel", channel);
        switch (method) {
            case "chat.postMessage" -> {
                String threadTs = request.hasNonNull("thread_ts") ? request.path("thread_ts").asText() : null;
                String ts = nextTs();
                threads.put(channel + "|" + ts, threadTs == null ? "" : threadTs);
                accept(Message.of(channel, method, ts, threadTs, request), format(channel, request), threadTs == null
                        ? "  (ts " + ts + ")" : "  (reply in thread " + threadTs + ")");
                ObjectNode shown = answer.put("ts", ts).putObject("message").put("ts", ts)
                        .put("text", request.path("text").asText(""));
                if (threadTs != null) {
                    shown.put("thread_ts", threadTs);
                }
            }
            case Message.UPDATE -> {
                String ts = request.path("ts").asText("");
                String threadTs = threads.get(channel + "|" + ts);
                if (threadTs == null) {
                    return error(200, "message_not_found");
                }
                accept(Message.of(channel, method, ts, threadTs.isEmpty() ? null : threadTs, request),
                        format(channel, request), "  (edited ts " + ts + ")");
                answer.put("ts", ts).put("text", request.path("text").asText(""));
            }
            default -> {
                return error(404, "unknown_method");
            }
        }
        return new Answer(200, answer.toString());
    }

    /** Prints the message with {@code note} after its first line, a reply indented under its root. */
    private void accept(Message message, String text, String note) {
        int end = text.indexOf('\n');
        String shown = end < 0 ? text + note : text.substring(0, end) + note + text.substring(end);
        printer.accept(message.threadTs() == null ? shown : INDENT + "↳ " + shown.replace("\n", "\n" + INDENT + "  "));
        record.accept(message);
    }

    /** Slack's ts: seconds and microseconds, unique and increasing per workspace. */
    private String nextTs() {
        Instant now = Instant.now();
        lastMicros = Math.max(lastMicros + 1, now.getEpochSecond() * 1_000_000 + now.getNano() / 1_000);
        return String.format("%d.%06d", lastMicros / 1_000_000, lastMicros % 1_000_000);
    }

    /**
     * A compact rendering: the text, then one line per Block Kit block. With blocks, Slack shows the blocks and uses
     * the text only as the notification, which usually repeats them; so only the text's first line is printed then.
     */
    static String format(String channel, JsonNode payload) {
        String text = payload.path("text").asText("");
        boolean blocks = !payload.path("blocks").isEmpty() || !payload.path("attachments").isEmpty();
        StringBuilder out = new StringBuilder("[slack #" + channel + " " + LocalTime.now().format(TIME) + "] ")
                .append(text.isBlank() ? "(no text)" : blocks && text.contains("\n")
                        ? text.substring(0, text.indexOf('\n')) + " …" : indent(text));
        payload.path("blocks").forEach(block -> out.append('\n').append(INDENT).append(block(block)));
        payload.path("attachments").forEach(attachment -> {
            out.append('\n').append(INDENT).append("attachment: ")
                    .append(indent(attachment.path("text").asText(attachment.path("fallback").asText(""))));
            attachment.path("blocks").forEach(block -> out.append('\n').append(INDENT + INDENT).append(block(block)));
        });
        return out.toString();
    }

    private static String block(JsonNode block) {
        String type = block.path("type").asText("?");
        return "[" + type + "]" + switch (type) {
            case "header" -> " " + text(block.path("text"));
            case "section" -> " " + join(List.of(text(block.path("text")), join(StreamSupport.stream(
                            block.path("fields").spliterator(), false)
                            .map(f -> text(f).replace("\n" + INDENT + INDENT, " ")).toList()),
                    block.has("accessory") ? "(" + block.path("accessory").path("type").asText() + ")" : ""));
            case "context" -> " " + StreamSupport.stream(block.path("elements").spliterator(), false)
                    .map(e -> e.has("text") ? e.path("text").asText() : e.path("alt_text").asText(""))
                    .collect(Collectors.joining(" · "));
            case "image" -> " " + block.path("alt_text").asText(block.path("image_url").asText(""));
            case "actions" -> " " + join(StreamSupport.stream(block.path("elements").spliterator(), false)
                    .map(e -> text(e.path("text")).isEmpty() ? e.path("type").asText() : text(e.path("text"))).toList());
            case "rich_text" -> " " + richText(block);
            default -> "";
        };
    }

    /** A text object ({@code {"type":"mrkdwn","text":...}}) or a plain string. */
    private static String text(JsonNode node) {
        return indent(node.isTextual() ? node.asText() : node.path("text").asText(""));
    }

    private static String richText(JsonNode node) {
        return node.path("text").isTextual() ? node.path("text").asText() : StreamSupport.stream(
                node.path("elements").spliterator(), false).map(SlackSink::richText).collect(Collectors.joining());
    }

    private static String join(List<String> parts) {
        return parts.stream().filter(p -> !p.isEmpty()).collect(Collectors.joining(" | "));
    }

    /** Keeps a multi-line text inside the message's visual block. */
    private static String indent(String text) {
        return text.replace("\n", "\n" + INDENT + INDENT);
    }

    private static boolean hasText(JsonNode payload) {
        return !payload.path("text").asText("").isBlank() || !payload.path("blocks").isEmpty();
    }

    /** The JSON object in {@code body}; null when it is not one. */
    private static JsonNode parse(String body) {
        try {
            JsonNode json = JSON.readTree(body);
            return json != null && json.isObject() ? json : null;
        } catch (IOException e) {
            return null;
        }
    }

    private static String formField(String form, String name) {
        try {
            for (String pair : form.split("&")) {
                String[] parts = pair.split("=", 2);
                if (parts.length == 2 && URLDecoder.decode(parts[0], StandardCharsets.UTF_8).equals(name)) {
                    return URLDecoder.decode(parts[1], StandardCharsets.UTF_8);
                }
            }
        } catch (IllegalArgumentException e) {
            // Not form encoding (a stray '%'): the body is taken as it is.
        }
        return form;
    }

    private static Answer error(int status, String error) {
        return new Answer(status, JSON.createObjectNode().put("ok", false).put("error", error).toString());
    }

    private static void respond(HttpExchange exchange, Answer answer, String contentType) throws IOException {
        byte[] bytes = answer.body().getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", contentType + "; charset=utf-8");
        exchange.sendResponseHeaders(answer.status(), bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
