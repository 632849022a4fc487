package io.eventmonitoring.bridge.delivery;

import io.eventmonitoring.bridge.outbox.Notification;
import io.eventmonitoring.bridge.slack.PostResult;

import java.time.Duration;
import java.util.List;

/** What happened to notifications: the metrics, the structured log lines and the channel status hang off this. */
public interface DeliveryListener {

    /** A message reached Slack carrying these notifications; more than one means a digest. */
    default void delivered(ChannelLane channel, List<Notification> notifications, Duration slackLatency) {
    }

    default void rateLimited(ChannelLane channel, Duration retryAfter) {
    }

    default void retrying(ChannelLane channel, String reason, Duration backoff) {
    }

    default void deadLettered(ChannelLane channel, List<Notification> notifications, String reason) {
    }

    default void duplicate(ChannelLane channel, Notification notification) {
    }

    /** The channel's bot token cannot post there ({@code reason}, e.g. {@code token_revoked}): it waits, nothing is lost. */
    default void paused(ChannelLane channel, String reason) {
    }

    default void resumed(ChannelLane channel) {
    }

    /** Slack answered a message carrying these notifications, whatever the answer, after {@code latency}. */
    default void answered(ChannelLane channel, List<Notification> notifications, PostResult answer, Duration latency) {
    }

    /** Every listener hears everything, in order. */
    static DeliveryListener all(DeliveryListener... listeners) {
        List<DeliveryListener> all = List.of(listeners);
        return new DeliveryListener() {
            @Override
            public void delivered(ChannelLane channel, List<Notification> notifications, Duration slackLatency) {
                all.forEach(l -> l.delivered(channel, notifications, slackLatency));
            }

            @Override
            public void rateLimited(ChannelLane channel, Duration retryAfter) {
                all.forEach(l -> l.rateLimited(channel, retryAfter));
            }

            @Override
            public void retrying(ChannelLane channel, String reason, Duration backoff) {
                all.forEach(l -> l.retrying(channel, reason, backoff));
            }

            @Override
            public void deadLettered(ChannelLane channel, List<Notification> notifications, String reason) {
                all.forEach(l -> l.deadLettered(channel, notifications, reason));
            }

            @Override
            public void duplicate(ChannelLane channel, Notification notification) {
                all.forEach(l -> l.duplicate(channel, notification));
            }

            @Override
            public void paused(ChannelLane channel, String reason) {
                all.forEach(l -> l.paused(channel, reason));
            }

            @Override
            public void resumed(ChannelLane channel) {
                all.forEach(l -> l.resumed(channel));
            }

            @Override
            public void answered(ChannelLane channel, List<Notification> notifications, PostResult answer, Duration latency) {
                all.forEach(l -> l.answered(channel, notifications, answer, latency));
            }
        };
    }
}
