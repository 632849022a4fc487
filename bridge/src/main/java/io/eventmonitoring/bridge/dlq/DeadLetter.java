package io.eventmonitoring.bridge.dlq;

import java.time.Instant;

/**
 * A record of business-events-dlq as operators see it.
 *
 * @param timestamp  when it was dead-lettered (the record's timestamp): listings are newest first by it
 * @param type       the event's type, when the value is JSON with one
 * @param replayedAt when it was replayed, or null: a dead letter is replayed at most once
 */
public record DeadLetter(int partition, long offset, Instant timestamp, String key, String reason, String cause,
                         String channel, String route, String type, String sourceTopic, String sourcePartition,
                         String sourceOffset, Instant replayedAt, String value) {
}
