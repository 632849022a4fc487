package io.eventmonitoring.bridge.status;

import io.eventmonitoring.events.Topics;
import io.quarkus.runtime.ShutdownEvent;
import io.smallrye.common.annotation.Identifier;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * How far behind the bridge's two stages are, cluster-wide, from Kafka's Admin API: the groups' committed offsets
 * against the partitions' ends. Read at most every {@code bridge.status.lag-cache}; requests in between share it.
 */
@ApplicationScoped
public class ConsumerLag {

    public static final String ROUTER_GROUP = "bridge-router";
    public static final String DELIVERY_GROUP = "bridge-delivery";
    /** How long one reading of both stages may take at most: a console polls, it must not hang. */
    private static final Duration TIMEOUT = Duration.ofSeconds(5);

    /** A partition's lag: {@code end - committed}; without a committed offset, {@code end - start}. */
    public record PartitionLag(int partition, Long committed, long end, long lag) {
    }

    public record StageLag(String stage, String group, String topic, long lag, List<PartitionLag> partitions) {
    }

    /** The lag of both stages as read at {@code at}; {@code error} says why it could not be read (stages then empty). */
    public record Lag(Instant at, List<StageLag> stages, String error) {
    }

    private final Map<String, Object> adminConfig = new HashMap<>();
    private final Duration cache;
    private final Clock clock = Clock.systemUTC();
    private Admin admin;
    private Lag last;

    ConsumerLag(@Identifier("default-kafka-broker") Map<String, Object> kafkaConfig, StatusConfig config) {
        kafkaConfig.forEach((key, value) -> {
            if (AdminClientConfig.configNames().contains(key)) {
                adminConfig.put(key, value);
            }
        });
        adminConfig.put(AdminClientConfig.CLIENT_ID_CONFIG, "bridge-status-lag");
        this.cache = config.lagCache();
    }

    void stop(@Observes ShutdownEvent ignored) {
        synchronized (this) {
            if (admin != null) {
                admin.close(Duration.ofSeconds(1));
            }
        }
    }

    /** The lag of both stages, read now unless the last reading is recent enough. */
    public synchronized Lag current() {
        Instant now = clock.instant();
        if (last != null && Duration.between(last.at(), now).compareTo(cache) < 0) {
            return last;
        }
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        try {
            last = new Lag(now, List.of(
                    stage("routing", ROUTER_GROUP, Topics.BUSINESS_EVENTS, IsolationLevel.READ_COMMITTED, deadline),
                    stage("delivery", DELIVERY_GROUP, Topics.BRIDGE_OUTBOX, IsolationLevel.READ_UNCOMMITTED, deadline)),
                    null);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            last = new Lag(now, List.of(), "interrupted");
        } catch (Exception e) {
            last = new Lag(now, List.of(), "Kafka did not answer: " + e);
        }
        return last;
    }

    private StageLag stage(String stage, String group, String topic, IsolationLevel isolation, long deadline)
            throws Exception {
        Admin client = admin();
        Map<TopicPartition, OffsetAndMetadata> committed = client.listConsumerGroupOffsets(group)
                .partitionsToOffsetAndMetadata().get(left(deadline), TimeUnit.NANOSECONDS);
        List<TopicPartition> partitions = client.describeTopics(List.of(topic)).allTopicNames()
                .get(left(deadline), TimeUnit.NANOSECONDS).get(topic).partitions().stream()
                .map(p -> new TopicPartition(topic, p.partition())).toList();
        ListOffsetsOptions options = new ListOffsetsOptions(isolation);
        Map<TopicPartition, Long> end = offsets(client, partitions, OffsetSpec.latest(), options, deadline);
        Map<TopicPartition, Long> start = offsets(client, partitions, OffsetSpec.earliest(), options, deadline);
        List<PartitionLag> lags = new ArrayList<>();
        long total = 0;
        for (TopicPartition partition : partitions) {
            OffsetAndMetadata offset = committed.get(partition);
            Long at = offset == null ? null : offset.offset();
            long lag = Math.max(0, end.get(partition) - (at == null ? start.get(partition) : at));
            lags.add(new PartitionLag(partition.partition(), at, end.get(partition), lag));
            total += lag;
        }
        return new StageLag(stage, group, topic, total, lags);
    }

    private static Map<TopicPartition, Long> offsets(Admin client, List<TopicPartition> partitions,
                                                     OffsetSpec spec, ListOffsetsOptions options, long deadline)
            throws Exception {
        Map<TopicPartition, OffsetSpec> request = new HashMap<>();
        partitions.forEach(p -> request.put(p, spec));
        Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> answer = client.listOffsets(request, options).all()
                .get(left(deadline), TimeUnit.NANOSECONDS);
        Map<TopicPartition, Long> offsets = new HashMap<>();
        answer.forEach((p, info) -> offsets.put(p, info.offset()));
        return offsets;
    }

    private static long left(long deadline) {
        return Math.max(0, deadline - System.nanoTime());
    }

    private Admin admin() {
        if (admin == null) {
            admin = Admin.create(adminConfig);
        }
        return admin;
    }
}
