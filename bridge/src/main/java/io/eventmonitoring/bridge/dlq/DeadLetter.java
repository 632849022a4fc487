package io.eventmonitoring.bridge.dlq;

/** A record of business-events-dlq as operators see it. */
public record DeadLetter(int partition, long offset, String key, String reason, String cause, String channel,
                         String route, String sourceTopic, String sourcePartition, String sourceOffset, String value) {
}
