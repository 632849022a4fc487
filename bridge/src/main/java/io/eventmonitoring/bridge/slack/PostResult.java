package io.eventmonitoring.bridge.slack;

import java.time.Duration;
import java.util.Optional;

/** What Slack's answer means for delivery. */
public sealed interface PostResult {

    /** 200 {@code ok}: the message is in the channel; the Web API says its {@code ts}, a webhook does not. */
    record Posted(Optional<String> ts) implements PostResult {

        public Posted() {
            this(Optional.empty());
        }
    }

    /** 429, or {@code ratelimited}: wait {@code Retry-After}, then try again; not a failure. */
    record RateLimited(Duration retryAfter) implements PostResult {
    }

    /** 5xx, timeouts, connection errors, Slack's transient errors: worth retrying with backoff. */
    record Retryable(String reason) implements PostResult {
    }

    /** Slack refused the message for good (invalid_payload, action_prohibited, channel_not_found, ...). */
    record Rejected(int status, String reason) implements PostResult {
    }

    /**
     * The bot token is not (or no longer) good for this channel ({@code invalid_auth}, {@code token_revoked}, ...):
     * the channel waits for a new token or an operator; no message is at fault.
     */
    record Paused(String reason) implements PostResult {
    }

    /** {@code chat.update} found no message it may edit ({@code message_not_found}, ...): post a new one instead. */
    record NotEditable(String reason) implements PostResult {
    }
}
