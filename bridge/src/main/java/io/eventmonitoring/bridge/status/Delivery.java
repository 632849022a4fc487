package io.eventmonitoring.bridge.status;

import io.eventmonitoring.bridge.slack.PostResult;

import java.time.Duration;
import java.time.Instant;

/**
 * One message a channel sent to Slack and Slack's answer to it.
 *
 * @param kind    {@code message} (one event) or {@code digest} (several)
 * @param outcome {@code posted}, {@code rate-limited} (429, retried after Retry-After), {@code retrying} (5xx, timeout,
 *                connection error: retried with backoff) or {@code rejected} (dead-lettered)
 * @param answer  Slack's answer in short: {@code ok}, {@code 429 retry after 2s}, {@code 404 channel_not_found}, ...
 */
public record Delivery(Instant at, String kind, int events, String outcome, String answer, long latencyMillis) {

    public static final String MESSAGE = "message";
    public static final String DIGEST = "digest";
    public static final String POSTED = "posted";
    public static final String RATE_LIMITED = "rate-limited";
    public static final String RETRYING = "retrying";
    public static final String REJECTED = "rejected";

    public static Delivery of(Instant at, int events, PostResult answer, Duration latency) {
        String kind = events == 1 ? MESSAGE : DIGEST;
        long millis = latency.toMillis();
        if (answer instanceof PostResult.RateLimited limited) {
            return new Delivery(at, kind, events, RATE_LIMITED, "429 retry after " + limited.retryAfter().toSeconds() + "s", millis);
        }
        if (answer instanceof PostResult.Retryable retryable) {
            return new Delivery(at, kind, events, RETRYING, retryable.reason(), millis);
        }
        if (answer instanceof PostResult.Rejected rejected) {
            return new Delivery(at, kind, events, REJECTED, rejected.status() + " " + rejected.reason(), millis);
        }
        return new Delivery(at, kind, events, POSTED, "ok", millis);
    }
}
