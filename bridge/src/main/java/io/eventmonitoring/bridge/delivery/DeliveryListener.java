package io.eventmonitoring.bridge.delivery;

import io.eventmonitoring.bridge.outbox.Notification;

import java.time.Duration;
import java.util.List;

/** What happened to notifications: the metrics and the structured log lines hang off this. */
public interface DeliveryListener {

    /** A message reached Slack carrying these notifications; more than one means a digest. */
    void delivered(ChannelLane channel, List<Notification> notifications, Duration slackLatency);

    void rateLimited(ChannelLane channel, Duration retryAfter);

    void retrying(ChannelLane channel, String reason, Duration backoff);

    void deadLettered(ChannelLane channel, List<Notification> notifications, String reason);

    void duplicate(ChannelLane channel, Notification notification);

    /** The channel's bot token cannot post there ({@code reason}, e.g. {@code token_revoked}): it waits, nothing is lost. */
    void paused(ChannelLane channel, String reason);

    void resumed(ChannelLane channel);
}
