package io.eventmonitoring.bridge.slack;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.net.URI;
import java.time.Duration;

/** How the bridge talks to Slack, whichever channel it posts to. */
@ConfigMapping(prefix = "bridge.slack")
public interface SlackConfig {

    @WithDefault("5s")
    Duration connectTimeout();

    /** A webhook that has not answered by then counts as a timeout: retried with backoff. */
    @WithDefault("10s")
    Duration readTimeout();

    /** The Web API app channels post to; tests point it at WireMock. */
    @WithDefault("https://slack.com/api")
    URI apiUrl();

    /** Messages posted per minute per bot token (chat.postMessage), across the channels of that token. */
    @WithDefault("300")
    int postBudget();

    /** Messages edited per minute per bot token: chat.update is a Tier 3 method, about 50 per minute per workspace. */
    @WithDefault("50")
    int editBudget();

    /** How often files holding bot tokens are read again: a changed token resumes its paused channels. */
    @WithDefault("10s")
    Duration tokenReloadInterval();

    /** An entity's thread is forgotten this long after its root was posted: its next event starts a new thread. */
    @WithDefault("7d")
    Duration threadMaxAge();

    /** How long an app channel's digest stays open: events that would make another digest edit it instead. */
    @WithDefault("2m")
    Duration digestEditWindow();
}
