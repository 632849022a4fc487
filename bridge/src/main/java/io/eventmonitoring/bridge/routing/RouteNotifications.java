package io.eventmonitoring.bridge.routing;

import io.eventmonitoring.bridge.metrics.BridgeMetrics;
import io.eventmonitoring.bridge.outbox.Notification;
import io.eventmonitoring.bridge.silence.SilenceStore;
import io.eventmonitoring.events.CloudEvent;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.ArrayList;
import java.util.List;

/**
 * The notifications an event gets on its routes: one per route, but none where a silence holds it (counted). Used by
 * the routing stage and when a dead letter is replayed.
 */
@ApplicationScoped
public class RouteNotifications {

    private final SilenceStore silences;
    private final BridgeMetrics metrics;

    RouteNotifications(SilenceStore silences, BridgeMetrics metrics) {
        this.silences = silences;
        this.metrics = metrics;
    }

    public List<Notification> notifications(CloudEvent event, List<Route> routes, String key, String value,
                                            String sourceTopic, int partition, long offset) {
        List<Notification> notifications = new ArrayList<>();
        for (Route route : routes) {
            if (silences.silenced(event, route.name(), route.channel())) {
                metrics.silenced(route.name(), route.channel(), event.id(), event.type());
                continue;
            }
            metrics.routed(route.name(), route.channel());
            notifications.add(new Notification(event.id(), route.name(), route.channel(), key, event.type(),
                    event.severity().value(), value, sourceTopic, partition, offset));
        }
        return notifications;
    }
}
