package io.eventmonitoring.bridge.delivery;

import io.eventmonitoring.bridge.match.Glob;
import io.eventmonitoring.bridge.outbox.Notification;

import java.util.List;
import java.util.Optional;

/**
 * How a route's events thread on an app channel: by their record key (an entity such as {@code order:42}), or not at
 * all; and which types are also shown in the channel ({@code reply_broadcast}).
 */
public record Threading(boolean byKey, List<Glob> replyBroadcast) {

    public static final Threading NONE = new Threading(false, List.of());
    public static final Threading BY_KEY = new Threading(true, List.of());

    /** The entity whose thread the event belongs in; none when the route does not thread or the event has no key. */
    public Optional<String> entity(Notification notification) {
        return byKey && notification.key() != null && !notification.key().isBlank()
                ? Optional.of(notification.key()) : Optional.empty();
    }

    public boolean broadcast(Notification notification) {
        return replyBroadcast.stream().anyMatch(glob -> glob.matches(notification.type()));
    }
}
