package io.eventmonitoring.bridge.outbox;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.eventmonitoring.events.CloudEvent;
import io.eventmonitoring.events.CloudEventCodec;
import io.eventmonitoring.events.EventType;

/** Notifications built the way the routing stage builds them, without Quarkus. */
public final class TestNotifications {

    private TestNotifications() {
    }

    public static Notification notification(String channel, EventType type, ObjectNode data) {
        return notification(channel, type, "subject-1", data);
    }

    /** An event of the entity {@code subject} (its record key is {@code <domain>:<subject>}). */
    public static Notification notification(String channel, EventType type, String subject, ObjectNode data) {
        CloudEvent event = CloudEvent.of(type, subject, data);
        return new Notification(event.id(), channel + "-route", channel, event.key(), event.type(),
                event.severity().value(), CloudEventCodec.encode(event), "business-events", 0, 0);
    }

    public static Notification notification(String channel, EventType type, String marker) {
        return notification(channel, type, JsonNodeFactory.instance.objectNode().put("marker", marker));
    }
}
