package io.eventmonitoring.bridge.delivery;

import io.eventmonitoring.bridge.slack.AppChannel;
import io.eventmonitoring.bridge.slack.BotToken;
import io.eventmonitoring.bridge.slack.SlackDestination;
import io.quarkus.qute.Template;

import java.time.Duration;
import java.util.Optional;

/** A Slack channel as the delivery stage posts to it: its webhook or app channel, its pace, and how its messages look. */
public record ChannelLane(String name, SlackDestination destination, Duration minInterval, Optional<Template> template,
                          int digestExamples) {

    /** The bot token of an app channel; a webhook channel has none. */
    public Optional<BotToken> token() {
        return destination instanceof AppChannel app ? Optional.of(app.token()) : Optional.empty();
    }
}
