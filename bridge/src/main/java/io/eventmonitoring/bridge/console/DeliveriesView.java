package io.eventmonitoring.bridge.console;

import io.eventmonitoring.bridge.status.ChannelStatus;
import io.eventmonitoring.bridge.status.Delivery;

import java.time.Instant;
import java.util.List;

/**
 * One channel on the deliveries page: the latest messages its owner published to bridge-status, newest first, and how
 * fresh that is. Never the channel's webhook URL.
 *
 * @param owner the replica that delivers the channel, "—" before it published anything
 * @param age   how long ago its owner published the list
 */
public record DeliveriesView(String channel, String owner, String age, List<Row> deliveries) {

    /**
     * @param kind    message (one event) or digest (several)
     * @param answer  Slack's answer in short: ok, 429 retry after 2s, 404 channel_not_found, ...
     */
    public record Row(String at, String kind, int events, String outcome, String answer, String latency) {
    }

    static DeliveriesView of(String channel, ChannelStatus status, Instant now) {
        if (status == null) {
            return new DeliveriesView(channel, OverviewViews.NO_STATUS, OverviewViews.NO_STATUS, List.of());
        }
        return new DeliveriesView(channel, status.owner(), OverviewViews.age(status.publishedAt(), now),
                status.deliveries().stream().map(DeliveriesView::row).toList());
    }

    private static Row row(Delivery delivery) {
        return new Row(OverviewViews.TIME.format(delivery.at()), delivery.kind(), delivery.events(), delivery.outcome(),
                delivery.answer(), delivery.latencyMillis() + " ms");
    }
}
