package io.eventmonitoring.events;

/** Topic names from the design's contract. */
public final class Topics {

    public static final String BUSINESS_EVENTS = "business-events";
    public static final String SERVICE_LOGS = "service-logs";
    public static final String BRIDGE_OUTBOX = "bridge-outbox";
    public static final String BUSINESS_EVENTS_DLQ = "business-events-dlq";
    public static final String BRIDGE_SILENCES = "bridge-silences";
    /** The domain services' Idempotency-Key ledger: claims, answers and releases, keyed by scoped key. */
    public static final String COMMAND_IDEMPOTENCY = "command-idempotency";
    /** Compacted: which dead letters were replayed (key {@code partition:offset}), so none is replayed twice. */
    public static final String BRIDGE_DEAD_LETTER_REPLAYS = "bridge-dead-letter-replays";
    /** Compacted: each channel's delivery status (key: channel), published by its owner, read by every replica. */
    public static final String BRIDGE_STATUS = "bridge-status";
    /** Compacted: the Slack thread of each entity of an app channel (key {@code <channel>|<entity>}), written by its owner. */
    public static final String BRIDGE_SLACK_THREADS = "bridge-slack-threads";

    private Topics() {
    }
}
