package io.eventmonitoring.command.publish;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

@ConfigMapping(prefix = "eventmonitoring.publish")
public interface PublishConfig {

    /**
     * The longest a command waits for Kafka's acknowledgement before it is answered 503. Keep it above the
     * producer's {@code delivery.timeout.ms}: the producer gives up first, so no event is written after a 503.
     */
    @WithDefault("6s")
    Duration ackTimeout();

    /** What a 503 tells the client to wait before retrying. */
    @WithDefault("5s")
    Duration retryAfter();
}
