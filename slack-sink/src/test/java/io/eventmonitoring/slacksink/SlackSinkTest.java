package io.eventmonitoring.slacksink;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;

/** The sink as Slack's incoming webhooks and as its Web API (posts answer a ts, replies go under their root, edits apply). */
class SlackSinkTest {

    private static final String PAYLOAD = """
            {"text": "New user: Ada <ada@example.com>",
             "blocks": [
               {"type": "header", "text": {"type": "plain_text", "text": "user.signed-up"}},
               {"type": "section", "text": {"type": "mrkdwn", "text": "*Ada* signed up"},
                "fields": [{"type": "mrkdwn", "text": "*Email*\\nada@example.com"},
                           {"type": "mrkdwn", "text": "*Severity*\\ninfo"}]},
               {"type": "divider"},
               {"type": "context", "elements": [{"type": "mrkdwn", "text": "event 3f2a"},
                                                {"type": "image", "image_url": "http://x/i.png", "alt_text": "logo"}]},
               {"type": "actions", "elements": [{"type": "button", "text": {"type": "plain_text", "text": "Open"}}]},
               {"type": "video"}
             ]}
            """;

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
    void slackShapedMessageIsAnsweredOkAndPrintedWithItsBlocks() throws Exception {
        HttpResponse<String> response = post(sink.url("user"), "application/json", PAYLOAD);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("ok");
        assertThat(printed).singleElement().satisfies(message -> assertThat(message)
                .startsWith("[slack #user ")
                .contains("] New user: Ada <ada@example.com>")
                .contains("[header] user.signed-up")
                .contains("[section] *Ada* signed up | *Email* ada@example.com | *Severity* info")
                .contains("[divider]")
                .contains("[context] event 3f2a · logo")
                .contains("[actions] Open")
                .contains("[video]"));
    }

    @Test
    void urlOfAChannelIsOnLoopbackUnderServices() {
        assertThat(sink.url("order")).isEqualTo("http://127.0.0.1:" + sink.port() + "/services/order");
    }

    @Test
    void formEncodedPayloadFieldIsAcceptedAsSlackDoes() throws Exception {
        String form = "payload=" + URLEncoder.encode("{\"text\":\"from a form\"}", StandardCharsets.UTF_8);

        HttpResponse<String> response = post(sink.url("order"), "application/x-www-form-urlencoded", form);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(printed).singleElement().satisfies(m -> assertThat(m).startsWith("[slack #order ")
                .endsWith("] from a form"));
    }

    @Test
    void malformedBodyGetsInvalidPayloadAndIsNotPrinted() throws Exception {
        for (String body : List.of("{\"text\": \"unterminated", "[\"an array\"]", "{\"text\":\"x\"} trailing", "")) {
            HttpResponse<String> response = post(sink.url("user"), "application/json", body);

            assertThat(response.statusCode()).as(body).isEqualTo(400);
            assertThat(response.body()).as(body).isEqualTo("invalid_payload");
        }
        assertThat(printed).isEmpty();
    }

    @Test
    void messageWithoutTextOrBlocksGetsNoText() throws Exception {
        HttpResponse<String> response = post(sink.url("user"), "application/json", "{\"text\": \"  \"}");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).isEqualTo("no_text");
    }

    @Test
    void unknownPathsAndMethodsAreRefused() throws Exception {
        HttpResponse<String> noChannel = post("http://127.0.0.1:" + sink.port() + "/hooks/user", "application/json",
                "{\"text\":\"x\"}");
        HttpResponse<String> get = http.send(HttpRequest.newBuilder(URI.create(sink.url("user"))).GET().build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(noChannel.statusCode()).isEqualTo(404);
        assertThat(noChannel.body()).isEqualTo("no_service");
        assertThat(get.statusCode()).isEqualTo(405);
        assertThat(printed).isEmpty();
    }

    @Test
    void whileAFaultIsOnMessagesAreRefusedWithItsAnswerAndNotRecorded() throws Exception {
        sink.answerWith(SlackSink.Fault.rateLimited(Duration.ofSeconds(3)));
        HttpResponse<String> limited = post(sink.url("user"), "application/json", "{\"text\":\"x\"}");
        sink.answerWith(SlackSink.Fault.serverError());
        HttpResponse<String> failed = post(sink.url("user"), "application/json", "{\"text\":\"x\"}");
        sink.answerNormally();
        HttpResponse<String> accepted = post(sink.url("user"), "application/json", "{\"text\":\"x\"}");

        assertThat(limited.statusCode()).isEqualTo(429);
        assertThat(limited.headers().firstValue("Retry-After")).hasValue("3");
        assertThat(failed.statusCode()).isEqualTo(500);
        assertThat(failed.headers().firstValue("Retry-After")).isEmpty();
        assertThat(accepted.statusCode()).isEqualTo(200);
        assertThat(printed).hasSize(1);
        assertThat(recorded).singleElement().satisfies(m -> assertThat(m.channel()).isEqualTo("user"));
    }

    /** Shaped as the bridge's MessageRenderer writes a digest: a count, and the latest few in full with their ids. */
    @Test
    void aDigestCountsWhatItSaysShowsTheIdsOfItsExamplesAndReadsBackFromItsJsonLine() throws Exception {
        String idA = "48582412-d019-4aaf-827a-735ccab0a954";
        String idB = "d9773ff3-e870-4056-aafd-b0e1a9a55de8";
        post(sink.url("order"), "application/json", """
                {"text":"32 events on #order (grouped to respect Slack's rate limit): order.created × 32","blocks":[
                  {"type":"context","elements":[{"type":"mrkdwn","text":"Latest 2 of 32:"}]},
                  {"type":"context","elements":[{"type":"mrkdwn","text":"*info* · order.created · id %s"}]},
                  {"type":"context","elements":[{"type":"mrkdwn","text":"*info* · order.created · id %s"}]}]}
                """.formatted(idA, idB));
        post(sink.url("user"), "application/json", "{\"text\":\"one event\"}");

        Message digest = recorded.get(0);
        assertThat(digest.digest()).isTrue();
        assertThat(digest.events()).isEqualTo(32);
        assertThat(digest.eventIds()).containsExactly(idA, idB);
        assertThat(recorded.get(1).events()).isEqualTo(1);
        assertThat(Message.fromJsonLine(digest.toJsonLine())).isEqualTo(digest);
        assertThat(digest.toJsonLine()).doesNotContain("\n");
    }

    @Test
    void textAloneIsPrintedWholeAndWithBlocksOnlyItsFirstLine() throws Exception {
        String alone = SlackSink.format("user", JSON.readTree("{\"text\":\"Digest: 3 events\\n• user.signed-up ×2\"}"));
        String withBlocks = SlackSink.format("order", JSON.readTree("""
                {"text": "order.created · order 1001\\nCustomer 42",
                 "blocks": [{"type": "section", "text": {"type": "mrkdwn", "text": "*order.created*\\nCustomer 42"}},
                            {"type": "rich_text", "elements": [{"type": "rich_text_section",
                              "elements": [{"type": "text", "text": "total "}, {"type": "text", "text": "12.5"}]}]}]}
                """));
        String attachment = SlackSink.format("order", JSON.readTree("{\"attachments\":[{\"fallback\":\"3 orders cancelled\"}]}"));

        assertThat(alone).matches("(?s)\\[slack #user [0-9:.]{12}\\] Digest: 3 events\n        • user.signed-up ×2");
        assertThat(withBlocks).endsWith("""
                ] order.created · order 1001 …
                    [section] *order.created*
                        Customer 42
                    [rich_text] total 12.5""");
        assertThat(attachment).endsWith("] (no text)\n    attachment: 3 orders cancelled");
    }

    private HttpResponse<String> post(String url, String contentType, String body)
            throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create(url))
                        .header("Content-Type", contentType)
                        .POST(HttpRequest.BodyPublishers.ofString(body))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
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
