package io.eventmonitoring.bridge.status;

import io.eventmonitoring.bridge.kafka.TopicFollower;
import io.eventmonitoring.events.Topics;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.common.annotation.Identifier;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.jboss.logging.Logger;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiFunction;

/**
 * Every channel's latest status, whichever replica owns it, and every replica's latest counters: each replica reads
 * the whole compacted topic bridge-status and keeps following it, so any replica can show the whole bridge.
 */
@ApplicationScoped
public class StatusStore {

    private static final Logger LOG = Logger.getLogger(StatusStore.class);

    private final Map<String, ChannelStatus> statuses = new ConcurrentHashMap<>();
    private final Map<String, ReplicaStatus> replicas = new ConcurrentHashMap<>();
    private final TopicFollower follower;

    StatusStore(@Identifier("default-kafka-broker") Map<String, Object> kafkaConfig) {
        this.follower = new TopicFollower(Topics.BRIDGE_STATUS, kafkaConfig, this::apply);
    }

    void start(@Observes StartupEvent ignored) {
        follower.start();
    }

    void stop(@Observes ShutdownEvent ignored) {
        follower.stop();
    }

    /** Whether the topic was read to its end once since startup. */
    public boolean loaded() {
        return follower.loaded().isDone();
    }

    public Optional<ChannelStatus> latest(String channel) {
        return Optional.ofNullable(statuses.get(channel));
    }

    public Map<String, ChannelStatus> all() {
        return Map.copyOf(statuses);
    }

    /** Every replica's latest record, by its key, whether the replica is alive or not. */
    public Map<String, ReplicaStatus> replicas() {
        return Map.copyOf(replicas);
    }

    /** A record that is not a status is skipped, and replaces the earlier status of its key, as compaction will. */
    private void apply(ConsumerRecord<String, String> record) {
        if (record.key() == null) {
            LOG.errorf("skipping the record of %s at offset %d: no key", Topics.BRIDGE_STATUS, record.offset());
        } else if (ReplicaStatus.isKey(record.key())) {
            apply(record, replicas, StatusCodec::decodeReplica);
        } else {
            apply(record, statuses, StatusCodec::decode);
        }
    }

    private static <T> void apply(ConsumerRecord<String, String> record, Map<String, T> latest,
                                  BiFunction<String, String, T> decode) {
        if (record.value() == null) {
            latest.remove(record.key());
            return;
        }
        try {
            latest.put(record.key(), decode.apply(record.key(), record.value()));
        } catch (RuntimeException e) {
            latest.remove(record.key());
            LOG.errorf("skipping the record of %s at partition %d offset %d (key %s), not a status: %s",
                    Topics.BRIDGE_STATUS, record.partition(), record.offset(), record.key(), e.getMessage());
        }
    }
}
