package io.eventmonitoring.bridge.status;

import io.eventmonitoring.bridge.delivery.ChannelActivity;
import io.eventmonitoring.bridge.delivery.ChannelLane;
import io.eventmonitoring.bridge.delivery.DeliveryListener;
import io.eventmonitoring.bridge.outbox.Notification;
import io.eventmonitoring.bridge.slack.PostResult;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * The status of the channels this replica delivers: Slack's latest answers per channel (heard from the dispatcher),
 * and which statuses are due for publishing. A channel this replica stops owning is forgotten; the replica that takes
 * it over starts from the history its predecessor published.
 */
public final class ChannelStatusTracker implements DeliveryListener {

    private final String owner;
    private final Set<String> channels;
    private final int history;
    private final Duration keepalive;
    private final Clock clock;
    private final Map<String, Deque<Delivery>> deliveries = new HashMap<>();
    private final Map<String, ChannelStatus> published = new HashMap<>();

    /**
     * @param owner     this replica's name
     * @param channels  the configured channels
     * @param history   Slack answers kept per channel
     * @param keepalive an unchanged status is published again after this long
     */
    public ChannelStatusTracker(String owner, Set<String> channels, int history, Duration keepalive, Clock clock) {
        this.owner = owner;
        this.channels = Set.copyOf(channels);
        this.history = history;
        this.keepalive = keepalive;
        this.clock = clock;
    }

    public String owner() {
        return owner;
    }

    public Set<String> channels() {
        return channels;
    }

    @Override
    public synchronized void answered(ChannelLane channel, List<Notification> notifications, PostResult answer,
                                      Duration latency) {
        if (!channels.contains(channel.name())) {
            return;
        }
        Deque<Delivery> latest = deliveries.computeIfAbsent(channel.name(), c -> new ArrayDeque<>());
        latest.addFirst(Delivery.of(clock.instant(), notifications.size(), answer, latency));
        while (latest.size() > history) {
            latest.removeLast();
        }
    }

    /**
     * The statuses to publish now, each at most once per call: of the owned channels that changed since their last
     * publication, that this replica just took over, or whose keepalive is due.
     *
     * @param owned    the channels whose outbox partition this replica holds
     * @param activity what the dispatcher says the channels are doing; a channel it does not know is idle
     * @param previous the latest status published for a channel, by whichever replica: where a new owner's history
     *                 starts
     */
    public synchronized List<ChannelStatus> due(Set<String> owned, Map<String, ChannelActivity> activity,
                                                Function<String, Optional<ChannelStatus>> previous) {
        Instant now = clock.instant();
        published.keySet().retainAll(owned);
        deliveries.keySet().retainAll(owned);
        List<ChannelStatus> due = new ArrayList<>();
        for (String channel : new TreeSet<>(owned)) {
            if (!channels.contains(channel)) {
                continue;
            }
            ChannelStatus last = published.get(channel);
            if (last == null && !deliveries.containsKey(channel)) {
                previous.apply(channel).ifPresent(p -> deliveries.put(channel, new ArrayDeque<>(
                        p.deliveries().subList(0, Math.min(history, p.deliveries().size())))));
            }
            ChannelStatus current = current(channel, activity.get(channel), now);
            if (last == null || !last.publishedAt(now).equals(current)
                    || Duration.between(last.publishedAt(), now).compareTo(keepalive) >= 0) {
                published.put(channel, current);
                due.add(current);
            }
        }
        return due;
    }

    /** Publishing the channel's status failed: it is due again at the next call. */
    public synchronized void unpublished(String channel) {
        published.remove(channel);
    }

    private ChannelStatus current(String channel, ChannelActivity activity, Instant now) {
        Deque<Delivery> latest = deliveries.getOrDefault(channel, new ArrayDeque<>());
        if (activity == null) {
            return new ChannelStatus(channel, owner, now, ChannelStatus.IDLE, 0, null, latest.peekFirst(), List.copyOf(latest));
        }
        Instant nextPostAt = activity.nextPostAtMillis() > now.toEpochMilli()
                ? Instant.ofEpochMilli(activity.nextPostAtMillis()) : null;
        return new ChannelStatus(channel, owner, now, ChannelStatus.state(activity.state()), activity.queued(), nextPostAt,
                latest.peekFirst(), List.copyOf(latest));
    }
}
