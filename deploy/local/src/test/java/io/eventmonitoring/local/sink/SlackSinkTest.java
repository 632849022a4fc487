package io.eventmonitoring.local.sink;

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

    private final List<String> printed = new CopyOnWriteArrayList<>();
    private final List<ReceivedMessage> recorded = new CopyOnWriteArrayList<>();
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
        sink.answerWith(SinkFault.rateLimited(Duration.ofSeconds(3)));
        HttpResponse<String> limited = post(sink.url("user"), "application/json", "{\"text\":\"x\"}");
        sink.answerWith(SinkFault.serverError());
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

    private HttpResponse<String> post(String url, String contentType, String body)
            throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create(url))
                        .header("Content-Type", contentType)
                        .POST(HttpRequest.BodyPublishers.ofString(body))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
