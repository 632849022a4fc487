package io.eventmonitoring.bridge.slack;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;

/** How the bridge talks to Slack, whichever channel it posts to. */
@ConfigMapping(prefix = "bridge.slack")
public interface SlackConfig {

    @WithDefault("5s")
    Duration connectTimeout();

    /** A webhook that has not answered by then counts as a timeout: retried with backoff. */
    @WithDefault("10s")
    Duration readTimeout();
}
