package io.eventmonitoring.bridge.slack;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/** Every answer of chat.postMessage and chat.update that Slack documents, and what the bridge makes of it. */
class SlackWebApiClientTest {

    @Test
    void okIsPostedWithTheMessagesTs() {
        assertThat(classify(200, null, "{\"ok\":true,\"channel\":\"C1\",\"ts\":\"1700000000.000100\"}", false))
                .isEqualTo(new PostResult.Posted(Optional.of("1700000000.000100")));
    }

    @Test
    void http429AndRatelimitedWaitRetryAfter() {
        assertThat(classify(429, "7", "{\"ok\":false,\"error\":\"ratelimited\"}", false))
                .isEqualTo(new PostResult.RateLimited(Duration.ofSeconds(7)));
        assertThat(classify(429, null, "", true)).isEqualTo(new PostResult.RateLimited(Duration.ofSeconds(1)));
        assertThat(classify(200, null, "{\"ok\":false,\"error\":\"ratelimited\"}", false))
                .isEqualTo(new PostResult.RateLimited(Duration.ofSeconds(1)));
        assertThat(classify(200, "3", "{\"ok\":false,\"error\":\"rate_limited\"}", true))
                .isEqualTo(new PostResult.RateLimited(Duration.ofSeconds(3)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"service_unavailable", "request_timeout", "internal_error", "fatal_error"})
    void transientErrorsAreRetried(String error) {
        assertThat(classify(200, null, "{\"ok\":false,\"error\":\"" + error + "\"}", false))
                .isEqualTo(new PostResult.Retryable("slack error " + error));
    }

    @ParameterizedTest
    @ValueSource(ints = {500, 502, 503, 504, 408})
    void serverErrorsAndTimeoutsAreRetried(int status) {
        assertThat(classify(status, null, "upstream connect error", false)).isInstanceOf(PostResult.Retryable.class);
    }

    @Test
    void anOkWithoutJsonIsRetried() {
        assertThat(classify(200, null, "<html>proxy</html>", false)).isInstanceOf(PostResult.Retryable.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"channel_not_found", "not_in_channel", "is_archived", "msg_too_long", "no_text",
            "invalid_blocks", "restricted_action", "invalid_arguments"})
    void errorsOfTheMessageAreRejectedWithTheReason(String error) {
        assertThat(classify(200, null, "{\"ok\":false,\"error\":\"" + error + "\"}", false))
                .isEqualTo(new PostResult.Rejected(200, error));
    }

    @ParameterizedTest
    @ValueSource(strings = {"invalid_auth", "not_authed", "token_revoked", "token_expired", "account_inactive",
            "missing_scope", "no_permission", "not_allowed_token_type", "ekm_access_denied"})
    void credentialErrorsPauseTheChannel(String error) {
        assertThat(classify(200, null, "{\"ok\":false,\"error\":\"" + error + "\"}", false))
                .isEqualTo(new PostResult.Paused(error));
        assertThat(classify(200, null, "{\"ok\":false,\"error\":\"" + error + "\"}", true))
                .isEqualTo(new PostResult.Paused(error));
    }

    @ParameterizedTest
    @ValueSource(strings = {"message_not_found", "cant_update_message", "edit_window_closed"})
    void anUpdateThatCannotEditFallsBackToANewMessage(String error) {
        assertThat(classify(200, null, "{\"ok\":false,\"error\":\"" + error + "\"}", true))
                .isEqualTo(new PostResult.NotEditable(error));
    }

    @Test
    void theTokenNeverPrintsAndAFileTokenIsReadAgain(@TempDir Path dir) throws IOException {
        BotToken token = BotToken.of("xoxb-1-secret");
        assertThat(token.toString()).doesNotContain("secret");
        assertThat(new AppChannel(token, "C1").toString()).doesNotContain("secret");
        assertThat(token.bearer()).isEqualTo("Bearer xoxb-1-secret");
        Path file = dir.resolve("token");
        Files.writeString(file, "xoxb-2-secret\n");
        BotToken fromFile = BotToken.fromFile(file);
        assertThat(fromFile.reload()).isFalse();
        Files.writeString(file, "xoxb-3-secret\n");
        assertThat(fromFile.reload()).isTrue();
        assertThat(fromFile.bearer()).isEqualTo("Bearer xoxb-3-secret");
    }

    private static PostResult classify(int status, String retryAfter, String body, boolean update) {
        return SlackWebApiClient.classify(status, retryAfter, body, update);
    }
}
