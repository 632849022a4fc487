package io.eventmonitoring.e2e;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import io.eventmonitoring.testing.SlackDigest;

import java.util.Comparator;
import java.util.List;
import java.util.UUID;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;

/** WireMock answering as Slack's incoming webhooks, and what it received per webhook. */
public final class SlackSink implements AutoCloseable {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    /** A message Slack accepted and the events it accounts for: a digest's count, else one. */
    record Post(long at, int events) {
    }

    private final WireMockServer server;

    public SlackSink() {
        server = new WireMockServer(wireMockConfig().bindAddress("127.0.0.1").dynamicPort());
        server.start();
        server.stubFor(post(urlPathMatching("/services/.*"))
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "text/plain").withBody("ok")));
    }

    /** A fresh webhook URL shaped like Slack's, whose last segment is the secret. */
    public String newWebhook(String channel) {
        return "http://127.0.0.1:" + server.port() + "/services/T0E2E/B0" + channel + "/"
                + UUID.randomUUID().toString().replace("-", "");
    }

    List<Post> accepted(String webhook) {
        String path = java.net.URI.create(webhook).getPath();
        return server.getAllServeEvents().stream()
                .filter(e -> e.getRequest().getUrl().equals(path) && e.getResponse().getStatus() == 200)
                .map(e -> parse(e.getRequest().getLoggedDate().getTime(), e.getRequest().getBodyAsString()))
                .sorted(Comparator.comparingLong(Post::at))
                .toList();
    }

    int eventsAccountedFor(String webhook) {
        return accepted(webhook).stream().mapToInt(Post::events).sum();
    }

    /** Events accounted for by every message any webhook accepted. */
    public int eventsAccountedFor() {
        return all().stream().mapToInt(Post::events).sum();
    }

    public int posts() {
        return all().size();
    }

    /** When the newest message arrived, in epoch milliseconds. */
    public long lastPostAt() {
        return all().stream().mapToLong(Post::at).max().orElse(0);
    }

    private List<Post> all() {
        return server.getAllServeEvents().stream()
                .filter(e -> e.getResponse().getStatus() == 200)
                .map(e -> parse(e.getRequest().getLoggedDate().getTime(), e.getRequest().getBodyAsString()))
                .toList();
    }

    private static Post parse(long at, String body) {
        try {
            return new Post(at, SlackDigest.eventsIn(MAPPER.readTree(body).path("text").asText()));
        } catch (Exception e) {
            throw new IllegalStateException("the bridge posted something that is not JSON", e);
        }
    }

    @Override
    public void close() {
        server.stop();
    }
}
