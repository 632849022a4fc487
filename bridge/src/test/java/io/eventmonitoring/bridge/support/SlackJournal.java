package io.eventmonitoring.bridge.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import io.eventmonitoring.testing.SlackDigest;

import java.io.IOException;
import java.util.Comparator;
import java.util.List;

/** What WireMock-as-Slack received on one channel: every attempt, and the messages Slack accepted. */
public final class SlackJournal {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    public record Post(long at, int status, String text) {

        /** How many events the message accounts for: a digest says so, a single message is one. */
        public int events() {
            return SlackDigest.eventsIn(text);
        }
    }

    private SlackJournal() {
    }

    public static List<Post> attempts(WireMockServer slack, String channel) {
        String path = SlackWireMockResource.path(channel);
        return slack.getAllServeEvents().stream()
                .filter(e -> e.getRequest().getUrl().equals(path))
                .map(SlackJournal::post)
                .sorted(Comparator.comparingLong(Post::at))
                .toList();
    }

    public static List<Post> accepted(WireMockServer slack, String channel) {
        return attempts(slack, channel).stream().filter(p -> p.status() == 200).toList();
    }

    public static int eventsAccountedFor(WireMockServer slack, String channel) {
        return accepted(slack, channel).stream().mapToInt(Post::events).sum();
    }

    public static long minimumGapMillis(List<Post> posts) {
        long min = Long.MAX_VALUE;
        for (int i = 1; i < posts.size(); i++) {
            min = Math.min(min, posts.get(i).at() - posts.get(i - 1).at());
        }
        return min;
    }

    private static Post post(ServeEvent event) {
        try {
            JsonNode body = MAPPER.readTree(event.getRequest().getBodyAsString());
            return new Post(event.getRequest().getLoggedDate().getTime(), event.getResponse().getStatus(),
                    body.path("text").asText());
        } catch (IOException e) {
            throw new IllegalStateException("the bridge posted something that is not JSON", e);
        }
    }
}
