package io.eventmonitoring.bridge.slack;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.rest.client.reactive.QuarkusRestClientBuilder;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;

import java.io.IOException;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * Posts and edits messages through Slack's Web API and turns every answer into a {@link PostResult}, following the
 * methods' documented errors. Nothing it returns or throws contains the bot token.
 */
@ApplicationScoped
public class SlackWebApiClient {

    /** Slack answers these when it is busy or failed: retried. {@code internal_error} and {@code fatal_error} may have posted. */
    static final Set<String> RETRYABLE = Set.of("service_unavailable", "request_timeout", "internal_error", "fatal_error");

    /** The token cannot post here: the channel pauses until the token changes or an operator resumes it. */
    static final Set<String> CREDENTIAL = Set.of("invalid_auth", "not_authed", "token_revoked", "token_expired",
            "account_inactive", "missing_scope", "no_permission", "not_allowed_token_type", "ekm_access_denied");

    /** {@code chat.update} cannot edit the message: a new one is posted instead. */
    static final Set<String> NOT_EDITABLE = Set.of("message_not_found", "cant_update_message", "edit_window_closed");

    private static final Set<String> RATE_LIMITED = Set.of("ratelimited", "rate_limited");
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final SlackWebApi api;

    SlackWebApiClient(SlackConfig config) {
        this.api = QuarkusRestClientBuilder.newBuilder()
                .baseUri(config.apiUrl())
                .connectTimeout(config.connectTimeout().toMillis(), TimeUnit.MILLISECONDS)
                .readTimeout(config.readTimeout().toMillis(), TimeUnit.MILLISECONDS)
                .build(SlackWebApi.class);
    }

    /** Posts a message, as a reply in the thread of {@code threadTs} when present. */
    public Uni<PostResult> postMessage(AppChannel channel, SlackMessage message, Optional<String> threadTs,
                                       boolean replyBroadcast) {
        SlackWebApi.PostMessage body = new SlackWebApi.PostMessage(channel.channelId(), message.text(),
                message.blocks(), threadTs.orElse(null), threadTs.isPresent() && replyBroadcast ? Boolean.TRUE : null);
        return call(() -> api.postMessage(channel.token().bearer(), body), false);
    }

    /** Replaces the message {@code ts} with {@code message}; {@link PostResult.NotEditable} when Slack cannot. */
    public Uni<PostResult> update(AppChannel channel, String ts, SlackMessage message) {
        SlackWebApi.Update body = new SlackWebApi.Update(channel.channelId(), ts, message.text(), message.blocks());
        return call(() -> api.update(channel.token().bearer(), body), true);
    }

    private static Uni<PostResult> call(Supplier<Uni<? extends Response>> request, boolean update) {
        return Uni.createFrom().deferred(request)
                .map(response -> classify(response, update))
                .onFailure(WebApplicationException.class)
                .recoverWithItem(e -> classify(((WebApplicationException) e).getResponse(), update))
                .onFailure()
                .recoverWithItem(e -> new PostResult.Retryable(SlackClient.describe(e)));
    }

    static PostResult classify(Response response, boolean update) {
        String body;
        try {
            body = response.hasEntity() ? response.readEntity(String.class) : "";
        } catch (RuntimeException e) {
            body = "";
        }
        return classify(response.getStatus(), response.getHeaderString(HttpHeaders.RETRY_AFTER), body, update);
    }

    /** Slack's answer, from its status, {@code Retry-After} header and body, for {@code chat.postMessage} or {@code chat.update}. */
    static PostResult classify(int status, String retryAfter, String body, boolean update) {
        if (status == 429) {
            return new PostResult.RateLimited(SlackClient.retryAfter(retryAfter));
        }
        if (status >= 500 || status == 408) {
            return new PostResult.Retryable("slack answered " + status);
        }
        JsonNode answer;
        try {
            answer = MAPPER.readTree(body == null ? "" : body);
        } catch (IOException e) {
            answer = null;
        }
        if (answer == null || !answer.isObject()) {
            return status == 200
                    ? new PostResult.Retryable("slack answered 200 without a JSON body")
                    : new PostResult.Rejected(status, "http_" + status);
        }
        if (status == 200 && answer.path("ok").asBoolean(false)) {
            String ts = answer.path("ts").asText("");
            return new PostResult.Posted(ts.isEmpty() ? Optional.empty() : Optional.of(ts));
        }
        String error = SlackLimits.truncate(answer.path("error").asText("http_" + status), 100);
        if (RATE_LIMITED.contains(error)) {
            return new PostResult.RateLimited(SlackClient.retryAfter(retryAfter));
        }
        if (RETRYABLE.contains(error)) {
            return new PostResult.Retryable("slack error " + error);
        }
        if (CREDENTIAL.contains(error)) {
            return new PostResult.Paused(error);
        }
        if (update && NOT_EDITABLE.contains(error)) {
            return new PostResult.NotEditable(error);
        }
        return new PostResult.Rejected(status, error);
    }
}
