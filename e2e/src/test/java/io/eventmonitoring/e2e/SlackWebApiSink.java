package io.eventmonitoring.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import io.eventmonitoring.testing.SlackDigest;

import java.io.IOException;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static com.github.tomakehurst.wiremock.client.WireMock.matching;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;

/** WireMock answering as Slack's Web API (chat.postMessage with a new ts, chat.update), and what it was asked. */
final class SlackWebApiSink implements AutoCloseable {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    /** A call Slack answered {@code ok}: a new message (a reply when {@code threadTs} is set) or an edit of {@code ts}. */
    record Call(long at, String method, String ts, String threadTs, String text) {

        boolean isPost() {
            return method.equals("chat.postMessage");
        }
    }

    private final WireMockServer server;

    SlackWebApiSink() {
        server = new WireMockServer(wireMockConfig().bindAddress("127.0.0.1").dynamicPort());
        server.start();
        server.stubFor(post(urlPathEqualTo("/api/chat.postMessage")).withHeader("Authorization", matching("Bearer xoxb-.+"))
                .willReturn(okJson("{\"ok\":true,\"channel\":\"{{jsonPath request.body '$.channel'}}\","
                        + "\"ts\":\"{{now format='epoch'}}.{{randomValue length=6 type='NUMERIC'}}\"}")
                        .withTransformers("response-template")));
        server.stubFor(post(urlPathEqualTo("/api/chat.update")).withHeader("Authorization", matching("Bearer xoxb-.+"))
                .willReturn(okJson("{\"ok\":true,\"channel\":\"{{jsonPath request.body '$.channel'}}\","
                        + "\"ts\":\"{{jsonPath request.body '$.ts'}}\"}")
                        .withTransformers("response-template")));
    }

    String apiUrl() {
        return "http://127.0.0.1:" + server.port() + "/api";
    }

    List<Call> calls() {
        return server.getAllServeEvents().stream()
                .filter(e -> e.getResponse().getStatus() == 200)
                .map(SlackWebApiSink::call)
                .sorted(Comparator.comparingLong(Call::at))
                .toList();
    }

    /** Every message counted in its latest state: a digest edited in place counts what its last edit says. */
    int eventsAccountedFor() {
        Map<String, Call> latest = new LinkedHashMap<>();
        calls().stream().filter(c -> c.isPost() || SlackDigest.isDigest(c.text())).forEach(c -> latest.put(c.ts(), c));
        return latest.values().stream().mapToInt(c -> SlackDigest.eventsIn(c.text())).sum();
    }

    private static Call call(ServeEvent event) {
        try {
            JsonNode request = MAPPER.readTree(event.getRequest().getBodyAsString());
            JsonNode answer = MAPPER.readTree(event.getResponse().getBodyAsString());
            String method = event.getRequest().getUrl().substring("/api/".length());
            return new Call(event.getRequest().getLoggedDate().getTime(), method, answer.path("ts").asText(),
                    request.path("thread_ts").asText(null), request.path("text").asText());
        } catch (IOException e) {
            throw new IllegalStateException("the bridge sent something that is not JSON", e);
        }
    }

    @Override
    public void close() {
        server.stop();
    }
}
