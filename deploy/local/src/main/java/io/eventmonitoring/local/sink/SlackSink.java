package io.eventmonitoring.local.sink;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.eventmonitoring.process.ProcessException;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;

/**
 * A local stand-in for Slack's incoming webhooks on 127.0.0.1: {@code POST /services/<channel>} with a JSON
 * payload (or the form field {@code payload=}) is printed and answered {@code 200 ok}; a body that is not a JSON
 * object gets {@code 400 invalid_payload}, one with neither text nor blocks {@code 400 no_text}, as Slack answers.
 * While a {@link SinkFault} is on (the chaos run switches it), messages are refused with its status instead.
 */
public final class SlackSink implements AutoCloseable {

    public static final String PATH = "/services/";
    /** Slack's own limit for a webhook message is far below this; a bigger body is not a Slack message. */
    private static final int MAX_BODY_BYTES = 1024 * 1024;
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss.SSS");

    private final ObjectMapper mapper = new ObjectMapper().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    private final HttpServer server;
    private final ExecutorService executor;
    private final Consumer<String> printer;
    private final Consumer<ReceivedMessage> record;
    private volatile Optional<SinkFault> fault = Optional.empty();

    private SlackSink(HttpServer server, ExecutorService executor, Consumer<String> printer,
                      Consumer<ReceivedMessage> record) {
        this.server = server;
        this.executor = executor;
        this.printer = printer;
        this.record = record;
    }

    /**
     * Starts on 127.0.0.1:{@code port} (0 for any free port); every accepted message goes to {@code printer} as
     * text and to {@code record} as counted by {@link ReceivedMessage}.
     */
    public static SlackSink start(int port, Consumer<String> printer, Consumer<ReceivedMessage> record) {
        HttpServer server;
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 16);
        } catch (BindException e) {
            throw new ProcessException("port " + port + " on 127.0.0.1 (the Slack sink) is in use; "
                    + "choose another with --sink-port or LOCAL_PLATFORM_SINK_PORT");
        } catch (IOException e) {
            throw new ProcessException("cannot start the Slack sink on port " + port + ": " + e.getMessage(), e);
        }
        ExecutorService executor = Executors.newFixedThreadPool(2, r -> {
            Thread thread = new Thread(r, "slack-sink");
            thread.setDaemon(true);
            return thread;
        });
        SlackSink sink = new SlackSink(server, executor, printer, record);
        server.createContext("/", sink::handle);
        server.setExecutor(executor);
        server.start();
        return sink;
    }

    public int port() {
        return server.getAddress().getPort();
    }

    /** The webhook URL of a channel, e.g. {@code http://127.0.0.1:29080/services/user}. */
    public String url(String channel) {
        return "http://127.0.0.1:" + port() + PATH + channel;
    }

    /** From now on every message is refused with {@code fault}'s answer, until {@link #answerNormally()}. */
    public void answerWith(SinkFault fault) {
        this.fault = Optional.of(fault);
    }

    public void answerNormally() {
        fault = Optional.empty();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath();
            String channel = path.startsWith(PATH) ? path.substring(PATH.length()).split("/", 2)[0] : "";
            if (channel.isEmpty()) {
                respond(exchange, 404, "no_service");
                return;
            }
            if (!"POST".equals(exchange.getRequestMethod())) {
                exchange.getResponseHeaders().add("Allow", "POST");
                respond(exchange, 405, "invalid_method");
                return;
            }
            JsonNode payload = parse(exchange);
            if (payload == null || !payload.isObject()) {
                respond(exchange, 400, "invalid_payload");
                return;
            }
            if (payload.path("text").asText("").isBlank() && payload.path("blocks").isEmpty()
                    && payload.path("attachments").isEmpty()) {
                respond(exchange, 400, "no_text");
                return;
            }
            Optional<SinkFault> failing = fault;
            if (failing.isPresent()) {
                failing.get().retryAfter().ifPresent(pause ->
                        exchange.getResponseHeaders().set("Retry-After", Long.toString(pause.toSeconds())));
                respond(exchange, failing.get().status(), failing.get().body());
                return;
            }
            Instant at = Instant.now();
            printer.accept(SlackMessageFormatter.format(channel, LocalTime.now().format(TIME), payload));
            record.accept(ReceivedMessage.of(channel, at, payload));
            respond(exchange, 200, "ok");
        }
    }

    private JsonNode parse(HttpExchange exchange) throws IOException {
        byte[] body;
        try (InputStream in = exchange.getRequestBody()) {
            body = in.readNBytes(MAX_BODY_BYTES + 1);
        }
        if (body.length > MAX_BODY_BYTES) {
            return null;
        }
        String text = new String(body, StandardCharsets.UTF_8);
        String contentType = exchange.getRequestHeaders().getFirst("Content-Type");
        if (contentType != null && contentType.startsWith("application/x-www-form-urlencoded")) {
            // Slack takes the JSON in a form field `payload`; curl -d sends a bare JSON body with this type too.
            String field = formField(text, "payload");
            text = field == null ? text : field;
        }
        try {
            return mapper.readTree(text);
        } catch (JsonProcessingException e) {
            return null;
        }
    }

    private static String formField(String form, String name) {
        try {
            for (String pair : form.split("&")) {
                int eq = pair.indexOf('=');
                if (eq > 0 && URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8).equals(name)) {
                    return URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
                }
            }
        } catch (IllegalArgumentException e) {
            // Not form encoding (a stray '%'): the body is taken as it is.
        }
        return null;
    }

    private static void respond(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "text/plain; charset=utf-8");
        exchange.sendResponseHeaders(status, bytes.length);
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
