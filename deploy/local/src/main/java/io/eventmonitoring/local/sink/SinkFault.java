package io.eventmonitoring.local.sink;

import java.time.Duration;
import java.util.Optional;

/** How the sink answers instead of {@code 200 ok} while a fault is on, as Slack does when it is busy or failing. */
public record SinkFault(int status, String body, Optional<Duration> retryAfter) {

    public static SinkFault rateLimited(Duration retryAfter) {
        return new SinkFault(429, "rate_limited", Optional.of(retryAfter));
    }

    public static SinkFault serverError() {
        return new SinkFault(500, "internal_error", Optional.empty());
    }
}
