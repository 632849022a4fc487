package io.eventmonitoring.bridge.slack;

import io.quarkus.rest.client.reactive.QuarkusRestClientBuilder;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Posts to Slack and turns every answer into a {@link PostResult}, following Slack's documented webhook errors.
 * Nothing it returns or throws contains the webhook URL.
 */
@ApplicationScoped
public class SlackClient {

    private final Map<WebhookUrl, SlackWebhookApi> clients = new ConcurrentHashMap<>();
    private final Duration connectTimeout;
    private final Duration readTimeout;

    SlackClient(SlackConfig config) {
        this.connectTimeout = config.connectTimeout();
        this.readTimeout = config.readTimeout();
    }

    public Uni<PostResult> post(WebhookUrl webhook, SlackMessage message) {
        return Uni.createFrom().deferred(() -> client(webhook).post(message))
                .map(SlackClient::classify)
                .onFailure(WebApplicationException.class)
                .recoverWithItem(e -> classify(((WebApplicationException) e).getResponse()))
                .onFailure()
                .recoverWithItem(e -> new PostResult.Retryable(describe(e)));
    }

    static PostResult classify(Response response) {
        int status = response.getStatus();
        String body = bodyOf(response);
        if (status == 200) {
            return new PostResult.Posted();
        }
        if (status == 429) {
            return new PostResult.RateLimited(retryAfter(response.getHeaderString(HttpHeaders.RETRY_AFTER)));
        }
        if (status >= 500 || status == 408) {
            return new PostResult.Retryable("slack answered " + status + (body.isEmpty() ? "" : " " + body));
        }
        return new PostResult.Rejected(status, body.isEmpty() ? "http_" + status : body);
    }

    static Duration retryAfter(String header) {
        try {
            return Duration.ofSeconds(Math.max(1, Long.parseLong(header.trim())));
        } catch (RuntimeException e) {
            return Duration.ofSeconds(1);
        }
    }

    private static String bodyOf(Response response) {
        try {
            String body = response.hasEntity() ? response.readEntity(String.class) : "";
            return body == null ? "" : SlackLimits.truncate(body.strip(), 200);
        } catch (RuntimeException e) {
            return "";
        }
    }

    /** The kind of failure, never its message: connection errors quote the host and path of the webhook. */
    static String describe(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return "request failed: " + root.getClass().getSimpleName();
    }

    private SlackWebhookApi client(WebhookUrl webhook) {
        return clients.computeIfAbsent(webhook, w -> QuarkusRestClientBuilder.newBuilder()
                .baseUri(w.uri())
                .connectTimeout(connectTimeout.toMillis(), TimeUnit.MILLISECONDS)
                .readTimeout(readTimeout.toMillis(), TimeUnit.MILLISECONDS)
                .build(SlackWebhookApi.class));
    }
}
