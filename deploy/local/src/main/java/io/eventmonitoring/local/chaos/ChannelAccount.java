package io.eventmonitoring.local.chaos;

import java.time.Duration;
import java.util.Optional;

/**
 * One Slack channel's accounting: the events routed to it and what became of them. {@code posted} are events in a
 * message of their own, {@code digested} those counted in digests, without what a repeated message counted again;
 * {@code overCounted} is what the messages account for beyond the channel's events.
 */
public record ChannelAccount(String channel, int events, int posted, int digested, int silenced, int deadLettered,
                             int lost, int overCounted, int messages, int duplicateMessages,
                             Optional<Duration> shortestGap) {
}
