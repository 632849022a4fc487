package io.eventmonitoring.bridge.metrics;

import io.eventmonitoring.bridge.delivery.ChannelLane;
import io.eventmonitoring.bridge.delivery.DeliveryListener;
import io.eventmonitoring.bridge.match.DomainName;
import io.eventmonitoring.bridge.outbox.Notification;
import io.eventmonitoring.logging.LogField;
import io.eventmonitoring.logging.LogFields;
import io.eventmonitoring.logging.Outcome;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Counts what happens to events per route and channel ({@code eventmonitoring_bridge_events_total} with an
 * {@code outcome} tag) and writes one structured log line per outcome. Labels never carry a webhook URL.
 */
@ApplicationScoped
public class BridgeMetrics implements DeliveryListener {

    public static final String RECEIVED = "received";
    public static final String ROUTED = "routed";
    public static final String POSTED = Outcome.POSTED.value();
    public static final String DIGESTED = Outcome.DIGESTED.value();
    public static final String DEAD_LETTERED = Outcome.DEAD_LETTERED.value();
    public static final String SILENCED = Outcome.SILENCED.value();
    public static final String DUPLICATE = "duplicate";
    public static final String RATE_LIMITED = Outcome.RATE_LIMITED.value();

    private static final Logger LOG = Logger.getLogger(BridgeMetrics.class);
    /** Domains counted under their own name; any further one is {@code other}, so odd events cannot add series without end. */
    static final int MAX_DOMAIN_LABELS = 50;

    private final MeterRegistry registry;
    private final Map<String, Counter> counters = new ConcurrentHashMap<>();
    private final Set<String> domainLabels = new HashSet<>();

    /** 1 while a channel is paused for that reason, by {@code channel|reason}. */
    private final Map<String, AtomicInteger> pausedGauges = new ConcurrentHashMap<>();

    BridgeMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    /**
     * Counted by domain, any domain: a new domain service's events get their own series. A domain that is not a domain
     * name, or one beyond the first {@link #MAX_DOMAIN_LABELS}, is {@code other}.
     */
    public void received(String domain) {
        count("-", "-", RECEIVED, 1);
        String label = domainLabel(domain);
        counters.computeIfAbsent("received|" + label,
                k -> registry.counter("eventmonitoring_bridge_received_total", "domain", label)).increment();
    }

    private String domainLabel(String domain) {
        if (!DomainName.isValid(domain)) {
            return "other";
        }
        synchronized (domainLabels) {
            return domainLabels.contains(domain) || domainLabels.size() < MAX_DOMAIN_LABELS && domainLabels.add(domain)
                    ? domain : "other";
        }
    }

    public void routed(String route, String channel) {
        count(route, channel, ROUTED, 1);
    }

    public void silenced(String route, String channel, String eventId, String type) {
        count(route, channel, SILENCED, 1);
        log(SILENCED, route, channel, eventId, type, "event silenced");
    }

    public void unroutable(String eventId, String type, String reason) {
        count("-", "-", DEAD_LETTERED, 1);
        log(DEAD_LETTERED, "-", "-", eventId, type, reason);
    }

    @Override
    public void delivered(ChannelLane channel, List<Notification> notifications, Duration slackLatency) {
        String outcome = notifications.size() == 1 ? POSTED : DIGESTED;
        for (Notification n : notifications) {
            count(n.route(), channel.name(), outcome, 1);
        }
        Timer.builder("eventmonitoring_bridge_slack_latency").tag("channel", channel.name())
                .publishPercentileHistogram().register(registry).record(slackLatency);
        registry.counter("eventmonitoring_bridge_messages_total", "channel", channel.name(),
                "kind", notifications.size() == 1 ? "single" : "digest").increment();
        Notification last = notifications.get(notifications.size() - 1);
        log(outcome, last.route(), channel.name(), last.eventId(), last.type(),
                notifications.size() == 1 ? "event posted" : "digest of " + notifications.size() + " events posted");
    }

    @Override
    public void rateLimited(ChannelLane channel, Duration retryAfter) {
        count("-", channel.name(), RATE_LIMITED, 1);
        registry.counter("eventmonitoring_bridge_slack_rate_limited_total", "channel", channel.name()).increment();
        log(RATE_LIMITED, "-", channel.name(), null, null, "slack answered 429, retrying after " + retryAfter.toSeconds() + "s");
    }

    @Override
    public void retrying(ChannelLane channel, String reason, Duration backoff) {
        registry.counter("eventmonitoring_bridge_slack_retries_total", "channel", channel.name()).increment();
        LOG.warnf("slack delivery failed on channel %s, retrying in %d ms: %s", channel.name(), backoff.toMillis(), reason);
    }

    @Override
    public void deadLettered(ChannelLane channel, List<Notification> notifications, String reason) {
        for (Notification n : notifications) {
            count(n.route(), channel.name(), DEAD_LETTERED, 1);
            log(DEAD_LETTERED, n.route(), channel.name(), n.eventId(), n.type(), reason);
        }
    }

    @Override
    public void duplicate(ChannelLane channel, Notification notification) {
        count(notification.route(), channel.name(), DUPLICATE, 1);
    }

    @Override
    public void paused(ChannelLane channel, String reason) {
        resetPaused(channel);
        pausedGauges.computeIfAbsent(channel.name() + "|" + reason, k -> registry.gauge(
                "eventmonitoring_bridge_channel_paused", Tags.of("channel", channel.name(), "reason", reason),
                new AtomicInteger())).set(1);
        LOG.errorf("channel %s paused: Slack answered %s for its bot token; its events wait, unacknowledged, until the "
                + "token file changes or POST /admin/channels/%s/resume", channel.name(), reason, channel.name());
    }

    @Override
    public void resumed(ChannelLane channel) {
        resetPaused(channel);
        LOG.infof("channel %s resumed", channel.name());
    }

    private void resetPaused(ChannelLane channel) {
        pausedGauges.forEach((key, gauge) -> {
            if (key.startsWith(channel.name() + "|")) {
                gauge.set(0);
            }
        });
    }

    /** What {@code eventmonitoring_bridge_events_total} counted for a route, channel and outcome, for the management API. */
    public long total(String route, String channel, String outcome) {
        Counter counter = counters.get(route + "|" + channel + "|" + outcome);
        return counter == null ? 0 : (long) counter.count();
    }

    private void count(String route, String channel, String outcome, long amount) {
        String key = route + "|" + channel + "|" + outcome;
        counters.computeIfAbsent(key, k -> Counter.builder("eventmonitoring_bridge_events_total")
                        .tag("route", route).tag("channel", channel).tag("outcome", outcome)
                        .register(registry))
                .increment(amount);
    }

    private static void log(String outcome, String route, String channel, String eventId, String type, String message) {
        try (LogFields fields = LogFields.of(LogField.OUTCOME, outcome).and(LogField.ROUTE, route)
                .and(LogField.CHANNEL, channel).and(LogField.EVENT_ID, eventId).and(LogField.EVENT_TYPE, type)
                .and(LogField.DOMAIN, type == null || !type.contains(".") ? null : type.substring(0, type.indexOf('.')))) {
            if (DEAD_LETTERED.equals(outcome)) {
                LOG.warn(message);
            } else {
                LOG.info(message);
            }
        }
    }
}
