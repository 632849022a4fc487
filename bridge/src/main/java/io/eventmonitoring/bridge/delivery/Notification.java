package io.eventmonitoring.bridge.delivery;

import com.fasterxml.jackson.databind.JsonNode;

import java.time.Instant;

/**
 * A routed event on its way to one channel: the value of an outbox record, keyed by channel so that one
 * consumer owns each channel's rate limit.
 *
 * @param event        the original CloudEvent, as it was on business-events
 * @param key          the original record key
 * @param sourceOffset where the event was on business-events, for the dead-letter headers
 */
public record Notification(String eventId, String route, String channel, String key, JsonNode event,
                           Instant routedAt, String sourceTopic, int sourcePartition, long sourceOffset) {
}
