package io.eventmonitoring.bridge.slack;

import java.time.Duration;

/** What Slack's answer means for delivery. */
public sealed interface PostResult {

    /** 200 {@code ok}: the message is in the channel. */
    record Posted() implements PostResult {
    }

    /** 429: wait {@code Retry-After}, then try again; not a failure. */
    record RateLimited(Duration retryAfter) implements PostResult {
    }

    /** 5xx, timeouts, connection errors: worth retrying with backoff. */
    record Retryable(String reason) implements PostResult {
    }

    /** Slack refused the message for good (invalid_payload, action_prohibited, channel_not_found, ...). */
    record Rejected(int status, String reason) implements PostResult {
    }
}
