package io.eventmonitoring.local.chaos;

import java.time.Instant;

/**
 * One command of the load and what its client saw: the HTTP status ({@link #NO_ANSWER} when the connection failed
 * or timed out) and the answered event id. {@code marker} (the email or customer id it sent) finds its event on
 * the topic when it has no event id.
 */
public record Answer(String service, String marker, int status, String eventId, Instant sentAt) {

    public static final int NO_ANSWER = -1;
}
