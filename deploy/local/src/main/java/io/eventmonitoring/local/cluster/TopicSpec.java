package io.eventmonitoring.local.cluster;

import io.eventmonitoring.events.Topics;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** A topic of the contract: name, partitions, compaction. All have replication factor 3 and min ISR 2. */
public record TopicSpec(String name, int partitions, boolean compacted) {

    public static final short REPLICATION_FACTOR = 3;
    public static final int MIN_INSYNC_REPLICAS = 2;

    public static final List<TopicSpec> CONTRACT = List.of(
            new TopicSpec(Topics.BUSINESS_EVENTS, 6, false),
            new TopicSpec(Topics.SERVICE_LOGS, 3, false),
            new TopicSpec(Topics.BRIDGE_OUTBOX, 6, false),
            new TopicSpec(Topics.BUSINESS_EVENTS_DLQ, 3, false),
            new TopicSpec(Topics.BRIDGE_SILENCES, 1, true),
            new TopicSpec(Topics.BRIDGE_DEAD_LETTER_REPLAYS, 1, true));

    public NewTopic toNewTopic() {
        Map<String, String> configs = new HashMap<>();
        configs.put(TopicConfig.MIN_IN_SYNC_REPLICAS_CONFIG, Integer.toString(MIN_INSYNC_REPLICAS));
        if (compacted) {
            configs.put(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT);
        }
        return new NewTopic(name, partitions, REPLICATION_FACTOR).configs(configs);
    }
}
