package io.eventmonitoring.bridge.delivery;

import io.eventmonitoring.bridge.slack.WebhookUrl;
import io.quarkus.qute.Template;

import java.time.Duration;
import java.util.Optional;

/** A Slack channel as the bridge posts to it. */
public record Channel(String name, WebhookUrl webhook, Duration minInterval, Optional<Template> template, int digestExamples) {
}
