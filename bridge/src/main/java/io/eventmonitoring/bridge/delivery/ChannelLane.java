package io.eventmonitoring.bridge.delivery;

import io.eventmonitoring.bridge.slack.WebhookUrl;
import io.quarkus.qute.Template;

import java.time.Duration;
import java.util.Optional;

/** A Slack channel as the delivery stage posts to it: its webhook, its pace, and how its messages look. */
public record ChannelLane(String name, WebhookUrl webhook, Duration minInterval, Optional<Template> template, int digestExamples) {
}
