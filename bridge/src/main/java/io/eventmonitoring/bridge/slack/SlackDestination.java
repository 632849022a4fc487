package io.eventmonitoring.bridge.slack;

/** Where a channel's messages go: an incoming webhook, or a Slack channel posted to with a bot token (Web API). */
public sealed interface SlackDestination permits WebhookUrl, AppChannel {
}
