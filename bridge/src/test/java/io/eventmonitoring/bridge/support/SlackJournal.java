package io.eventmonitoring.bridge.support;

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

/** What WireMock-as-Slack received on one channel: every attempt, and the messages Slack accepted. */
public final class SlackJournal {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    public record Post(long at, int status, String text) {

        /** How many events the message accounts for: a digest says so, a single message is one. */
        public int events() {
            return SlackDigest.eventsIn(text);
        }
    }

    /**
     * A call of the Web API on one Slack channel: {@code method} is {@code chat.postMessage} or {@code chat.update};
     * {@code ts} the message's, from the answer (post) or the request (update); {@code threadTs} a reply's root.
     */
    public record Call(long at, String method, int status, boolean ok, String error, String ts, String threadTs,
                       boolean broadcast, String text, String authorization, String body) {

        public int events() {
            return SlackDigest.eventsIn(text);
        }
    }

    private SlackJournal() {
    }

    /** Every Web API call on the app channel, in order. */
    public static List<Call> calls(WireMockServer slack, String channel) {
        String id = SlackWireMockResource.channelId(channel);
        return slack.getAllServeEvents().stream()
                .filter(e -> e.getRequest().getUrl().startsWith("/api/"))
                .map(SlackJournal::call)
                .filter(c -> c != null && id.equals(c.channelId()))
                .map(WithChannel::call)
                .sorted(Comparator.comparingLong(Call::at))
                .toList();
    }

    /** The messages Slack took on the app channel: posts (new messages and replies) that got {@code ok}. */
    public static List<Call> posted(WireMockServer slack, String channel) {
        return calls(slack, channel).stream().filter(c -> c.ok() && c.method().equals("chat.postMessage")).toList();
    }

    /** The events the app channel's new messages and replies account for. */
    public static int eventsPosted(WireMockServer slack, String channel) {
        return posted(slack, channel).stream().mapToInt(Call::events).sum();
    }

    /**
     * The events the app channel's messages account for, each message counted in its latest state: a digest edited in
     * place counts what its last edit says, a root edited to its entity's latest state stays one event.
     */
    public static int eventsAccountedFor(List<Call> calls) {
        Map<String, Call> latest = new LinkedHashMap<>();
        calls.stream().filter(c -> c.ok() && c.ts() != null).forEach(c -> {
            if (c.method().equals("chat.postMessage") || SlackDigest.isDigest(c.text())) {
                latest.put(c.ts(), c);
            }
        });
        return latest.values().stream().mapToInt(Call::events).sum();
    }

    /** Posts and digest edits: what the channel's rate governs (an entity's root edits are budgeted apart). */
    public static List<Call> paced(List<Call> calls) {
        return calls.stream().filter(c -> c.ok() && (c.method().equals("chat.postMessage") || SlackDigest.isDigest(c.text())))
                .toList();
    }

    private record WithChannel(String channelId, Call call) {
    }

    /** Slack's answer as JSON; an error page (a 5xx from a proxy) as an empty object. */
    private static JsonNode answer(String body) {
        try {
            JsonNode answer = MAPPER.readTree(body == null ? "" : body);
            return answer == null || !answer.isObject() ? MAPPER.createObjectNode() : answer;
        } catch (IOException e) {
            return MAPPER.createObjectNode();
        }
    }

    private static WithChannel call(ServeEvent event) {
        try {
            JsonNode request = MAPPER.readTree(event.getRequest().getBodyAsString());
            JsonNode answer = answer(event.getResponse().getBodyAsString());
            String method = event.getRequest().getUrl().substring("/api/".length());
            boolean ok = event.getResponse().getStatus() == 200 && answer.path("ok").asBoolean(false);
            String ts = method.equals("chat.update") ? request.path("ts").asText(null) : answer.path("ts").asText(null);
            return new WithChannel(request.path("channel").asText(), new Call(
                    event.getRequest().getLoggedDate().getTime(), method, event.getResponse().getStatus(), ok,
                    answer.path("error").asText(null), ts, request.path("thread_ts").asText(null),
                    request.path("reply_broadcast").asBoolean(false), request.path("text").asText(),
                    event.getRequest().getHeader("Authorization"), event.getRequest().getBodyAsString()));
        } catch (IOException e) {
            return null;
        }
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
