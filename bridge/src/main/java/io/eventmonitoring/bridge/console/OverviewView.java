package io.eventmonitoring.bridge.console;

import java.util.List;
import java.util.Map;

/**
 * What the overview page shows, ready to print: the page renders it and {@code /console/overview.json} serves it to
 * the page's polling script, which replaces each {@code data-field} cell with the value of the same name.
 *
 * @param source   where the channels' state comes from, and whether this replica has read all of it
 * @param queued   events waiting for Slack, all channels of all replicas together, as their owners last published
 * @param routes   each route's counters, summed over the live replicas
 * @param routesAsOf which replicas the route counters sum, and how long ago each published them
 * @param lag      the consumer lag of each stage; empty while Kafka does not answer
 * @param lagAsOf  how long ago the lag was read, and why it could not be
 */
public record OverviewView(String generatedAt, String source, String queued, List<ChannelRow> channels,
                           List<RouteRow> routes, String routesAsOf, List<LagRow> lag, String lagAsOf) {

    /**
     * One channel as its owner last published it; never its webhook URL. "—" before its owner published anything.
     *
     * @param owner       the replica that delivers it
     * @param age         how long ago its owner published this: at most the keepalive while the owner is alive
     * @param state       idle, sending, waiting for its rate, backing off, rate-limited or paused
     * @param queued      its events waiting for Slack
     * @param lastPost    when it last posted, or "—"
     * @param lastOutcome how Slack answered that post
     * @param nextPost    when it may post next, or "now"
     */
    public record ChannelRow(String name, String owner, String age, String state, String queued, String lastPost,
                             String lastOutcome, String nextPost, String minInterval) {
    }

    public record RouteRow(String name, String channel, boolean isDefault, Map<String, Long> counters) {
    }

    /** The lag of one stage: its consumer group's committed offsets against the ends of its topic. */
    public record LagRow(String stage, String group, String topic, String lag) {
    }
}
