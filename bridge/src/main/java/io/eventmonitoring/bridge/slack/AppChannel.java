package io.eventmonitoring.bridge.slack;

/**
 * A Slack channel the bridge posts to through the Web API ({@code chat.postMessage}, {@code chat.update}), which
 * answers with the message's {@code ts}: what threads and edits need.
 *
 * @param channelId the Slack channel id, e.g. {@code C0123456789}
 */
public record AppChannel(BotToken token, String channelId) implements SlackDestination {
}
