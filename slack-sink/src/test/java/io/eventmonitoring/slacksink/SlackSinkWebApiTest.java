package io.eventmonitoring.slacksink;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;

/** The sink as Slack's Web API: posts answer a ts, replies go under their root, edits apply; errors as Slack's. */
class SlackSinkWebApiTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final List<String> printed = new CopyOnWriteArrayList<>();
    private final List<Message> recorded = new CopyOnWriteArrayList<>();
    private final HttpClient http = HttpClient.newHttpClient();
    private SlackSink sink;

    @BeforeEach
    void start() {
        sink = SlackSink.start(0, printed::add, recorded::add);
    }

    @AfterEach
    void stop() {
        sink.close();
    }

    @Test
    void aPostAnswersItsTsARepliesGoesUnderItsRootAndAnUpdateApplies() throws Exception {
        JsonNode root = call("chat.postMessage", """
                {"channel":"C0ORDER","text":"order 42 · created",
                 "blocks":[{"type":"section","text":{"type":"mrkdwn","text":"*order 42* created"}}]}""");
        assertThat(root.path("ok").asBoolean()).isTrue();
        assertThat(root.path("channel").asText()).isEqualTo("C0ORDER");
        String ts = root.path("ts").asText();
        assertThat(ts).matches("\\d+\\.\\d{6}");

        JsonNode reply = call("chat.postMessage", """
                {"channel":"C0ORDER","thread_ts":"%s","text":"order 42 · cancelled"}""".formatted(ts));
        assertThat(reply.path("ok").asBoolean()).isTrue();
        assertThat(reply.path("ts").asText()).isGreaterThan(ts);
        assertThat(reply.at("/message/thread_ts").asText()).isEqualTo(ts);

        JsonNode edit = call("chat.update", """
                {"channel":"C0ORDER","ts":"%s","text":"order 42 · cancelled",
                 "blocks":[{"type":"section","text":{"type":"mrkdwn","text":"*order 42* cancelled"}}]}""".formatted(ts));
        assertThat(edit.path("ok").asBoolean()).isTrue();
        assertThat(edit.path("ts").asText()).isEqualTo(ts);

        assertThat(printed).hasSize(3);
        assertThat(printed.get(0)).startsWith("[slack #C0ORDER ").contains("] order 42 · created  (ts " + ts + ")")
                .contains("\n    [section] *order 42* created");
        assertThat(printed.get(1)).startsWith("    ↳ [slack #C0ORDER ")
                .endsWith("] order 42 · cancelled  (reply in thread " + ts + ")");
        assertThat(printed.get(2)).contains("] order 42 · cancelled  (edited ts " + ts + ")")
                .contains("\n    [section] *order 42* cancelled");
        assertThat(recorded).extracting(Message::method).containsExactly("chat.postMessage", "chat.postMessage", "chat.update");
        assertThat(recorded).extracting(Message::threadTs).containsExactly(null, ts, null);
    }

    @Test
    void errorsAreOkFalseWithSlacksCodes() throws Exception {
        assertThat(call("chat.update", "{\"channel\":\"C0ORDER\",\"ts\":\"1.000001\",\"text\":\"x\"}")
                .path("error").asText()).isEqualTo("message_not_found");
        assertThat(call("chat.postMessage", "{\"channel\":\"C0ORDER\",\"text\":\" \"}").path("error").asText())
                .isEqualTo("no_text");
        assertThat(call("chat.postMessage", "{\"text\":\"x\"}").path("error").asText()).isEqualTo("channel_not_found");
        assertThat(call("chat.postMessage", "{\"channel\":").path("error").asText()).isEqualTo("invalid_json");
        HttpResponse<String> unauthenticated = send("chat.postMessage", null, "{\"channel\":\"C\",\"text\":\"x\"}");
        assertThat(unauthenticated.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(unauthenticated.body()).path("error").asText()).isEqualTo("not_authed");
        assertThat(send("chat.delete", "Bearer xoxb-local", "{\"channel\":\"C\",\"text\":\"x\"}").statusCode())
                .isEqualTo(404);
        assertThat(printed).isEmpty();
    }

    @Test
    void whileAFaultIsOnTheWebApiAnswersItAsSlackDoes() throws Exception {
        sink.answerWith(SlackSink.Fault.rateLimited(Duration.ofSeconds(2)));
        HttpResponse<String> limited = send("chat.postMessage", "Bearer xoxb-local", "{\"channel\":\"C\",\"text\":\"x\"}");
        sink.answerNormally();

        assertThat(limited.statusCode()).isEqualTo(429);
        assertThat(limited.headers().firstValue("Retry-After")).hasValue("2");
        assertThat(JSON.readTree(limited.body()).path("error").asText()).isEqualTo("ratelimited");
        assertThat(printed).isEmpty();
    }

    private JsonNode call(String method, String body) throws Exception {
        HttpResponse<String> response = send(method, "Bearer xoxb-local", body);
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("application/json"));
        return JSON.readTree(response.body());
    }

    private HttpResponse<String> send(String method, String authorization, String body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(sink.apiUrl() + "/" + method))
                .header("Content-Type", "application/json; charset=utf-8")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
