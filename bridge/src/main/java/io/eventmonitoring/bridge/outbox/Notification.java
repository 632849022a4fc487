package io.eventmonitoring.bridge.outbox;

/**
 * A routed event on its way to one channel: the value of an outbox record, keyed by channel so that one
 * consumer owns each channel's rate limit.
 *
 * @param type         the event's type, so that digests and logs need not parse the event
 * @param severity     the event's severity, likewise
 * @param event        the original CloudEvent's JSON text, as it was on business-events: it is parsed again only
 *                     for the few events a message shows in full, and is the value of its dead letter
 * @param key          the original record key
 * @param sourceOffset where the event was on business-events, for the dead-letter headers
 */
public record Notification(String eventId, String route, String channel, String key, String type, String severity,
                           String event, String sourceTopic, int sourcePartition, long sourceOffset) {
}
