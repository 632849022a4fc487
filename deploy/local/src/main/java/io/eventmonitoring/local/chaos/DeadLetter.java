package io.eventmonitoring.local.chaos;

/** A record of business-events-dlq: the dead-lettered event's id and its channel. */
public record DeadLetter(String eventId, String channel) {
}
