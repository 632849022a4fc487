package io.eventmonitoring.local.chaos;

/** An event as read committed from business-events: its id, the channel the bridge routes it to, its load marker. */
public record CommittedEvent(String id, String channel, String marker) {
}
