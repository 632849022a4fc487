package io.eventmonitoring.bridge.console;

import java.util.List;
import java.util.Map;

/**
 * What the overview page shows, ready to print: the page renders it and {@code /console/overview.json} serves it to
 * the page's polling script, which replaces each {@code data-field} cell with the value of the same name.
 *
 * @param source   where the channels' state comes from, and how fresh it is
 * @param queued   events waiting for Slack on this replica, all channels together
 * @param lag      the consumer lag of each stage; empty while it is not known
 */
public record OverviewView(String generatedAt, String source, String queued, List<ChannelRow> channels,
                           List<RouteRow> routes, List<LagRow> lag) {

    /**
     * One channel; never its webhook URL.
     *
     * @param state       idle, sending, waiting for its rate, backing off, rate-limited or paused
     * @param queued      its events waiting for Slack, or "—" while only the total is known
     * @param lastPost    when it last posted, or "—"
     * @param lastOutcome how Slack answered that post
     * @param nextPost    when it may post next, or "now"
     */
    public record ChannelRow(String name, String state, String queued, String lastPost, String lastOutcome,
                             String nextPost, String minInterval) {
    }

    public record RouteRow(String name, String channel, boolean isDefault, Map<String, Long> counters) {
    }

    /** The lag of one consumer group (the routing or the delivery stage). */
    public record LagRow(String group, String lag) {
    }
}
