package io.eventmonitoring.bridge.delivery;

import java.time.Duration;
import java.util.List;

/** What happened to notifications: the metrics and the structured log lines hang off this. */
public interface DeliveryListener {

    /** A message reached Slack carrying these notifications; more than one means a digest. */
    void delivered(Channel channel, List<Notification> notifications, Duration slackLatency);

    void rateLimited(Channel channel, Duration retryAfter);

    void retrying(Channel channel, String reason, Duration backoff);

    void deadLettered(Channel channel, List<Notification> notifications, String reason);

    void duplicate(Channel channel, Notification notification);
}
