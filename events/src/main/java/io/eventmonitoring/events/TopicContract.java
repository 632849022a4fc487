package io.eventmonitoring.events;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The topics of the design's contract, with their partitions and settings: the one source the test clusters, the
 * local platform and the Kubernetes contract test read. Every topic has replication factor 3 and
 * {@code min.insync.replicas=2}, so one broker may fail without losing an acknowledged record or stopping writes.
 */
public final class TopicContract {

    public static final short REPLICATION_FACTOR = 3;
    public static final int MIN_INSYNC_REPLICAS = 2;

    /** A topic: its name, partitions and the settings beyond replication. */
    public record Topic(String name, int partitions, Map<String, String> config) {

        /** The cleanup policy as Kafka reads it ({@code delete} when not set). */
        public String cleanupPolicy() {
            return config.getOrDefault("cleanup.policy", "delete");
        }

        /** Every topic setting, min.insync.replicas included. */
        public Map<String, String> allConfig() {
            Map<String, String> all = new TreeMap<>(config);
            all.put("min.insync.replicas", Integer.toString(MIN_INSYNC_REPLICAS));
            return all;
        }
    }

    public static final List<Topic> TOPICS = List.of(
            new Topic(Topics.BUSINESS_EVENTS, 6, Map.of()),
            new Topic(Topics.SERVICE_LOGS, 3, Map.of()),
            new Topic(Topics.BRIDGE_OUTBOX, 6, Map.of()),
            new Topic(Topics.BUSINESS_EVENTS_DLQ, 3, Map.of()),
            new Topic(Topics.BRIDGE_SILENCES, 1, Map.of("cleanup.policy", "compact")),
            new Topic(Topics.BRIDGE_DEAD_LETTER_REPLAYS, 1, Map.of("cleanup.policy", "compact")),
            new Topic(Topics.BRIDGE_STATUS, 1, Map.of("cleanup.policy", "compact")),
            new Topic(Topics.BRIDGE_SLACK_THREADS, 1, Map.of("cleanup.policy", "compact")),
            // The latest record of each key is kept for at least the 24 h an Idempotency-Key is answered; older ones go.
            new Topic(Topics.COMMAND_IDEMPOTENCY, 3, Map.of("cleanup.policy", "compact,delete",
                    "retention.ms", "172800000", "segment.ms", "3600000")));

    private TopicContract() {
    }

    public static Topic topic(String name) {
        return TOPICS.stream().filter(t -> t.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("not a contract topic: " + name));
    }
}
