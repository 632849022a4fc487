package io.eventmonitoring.bridge.status;

import io.eventmonitoring.bridge.delivery.ChannelActivity;

import java.time.Instant;
import java.util.List;
import java.util.Locale;

/**
 * A channel's status as its owner published it to bridge-status.
 *
 * @param owner       the replica that delivers the channel
 * @param state       {@code idle}, {@code sending}, {@code waiting-for-rate}, {@code backing-off}, {@code rate-limited}
 *                    or {@code paused}
 * @param queued      events waiting for the channel
 * @param nextPostAt  when the channel may post again; null when it may now
 * @param lastPost    the latest message and Slack's answer, null before the first
 * @param deliveries  the latest messages, newest first
 */
public record ChannelStatus(String channel, String owner, Instant publishedAt, String state, int queued,
                            Instant nextPostAt, Delivery lastPost, List<Delivery> deliveries) {

    public static final String IDLE = state(ChannelActivity.State.IDLE);

    public static String state(ChannelActivity.State state) {
        return state.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** The same status, published at another time: what tells whether anything changed. */
    ChannelStatus publishedAt(Instant at) {
        return new ChannelStatus(channel, owner, at, state, queued, nextPostAt, lastPost, deliveries);
    }
}
