package io.eventmonitoring.testing;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.awaitility.Awaitility;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;

/** What read-committed consumers of a topic see: the records of committed transactions and plain writes. */
public final class CommittedRecords {

    private CommittedRecords() {
    }

    /** Every record now readable, from the beginning of every partition up to its last stable offset. */
    public static List<ConsumerRecord<String, String>> read(String bootstrapServers, String topic) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        try (KafkaConsumer<String, String> consumer =
                     new KafkaConsumer<>(props, new StringDeserializer(), new StringDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(p -> new TopicPartition(topic, p.partition()))
                    .toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            List<ConsumerRecord<String, String>> records = new ArrayList<>();
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("could not read " + topic + " to its end in 30 s");
                }
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
            }
            return records;
        }
    }

    /**
     * Waits until no transaction is open on the topic (every partition's last stable offset has reached its end),
     * so that what {@link #read} returns is final; returns how long that took.
     */
    public static Duration awaitNoOpenTransaction(String bootstrapServers, String topic, Duration timeout) {
        long start = System.nanoTime();
        Properties props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        try (Admin admin = Admin.create(props)) {
            Awaitility.await("no open transaction on " + topic).atMost(timeout).pollInterval(Duration.ofMillis(250))
                    .ignoreExceptions()
                    .until(() -> {
                        List<TopicPartition> partitions = admin.describeTopics(List.of(topic)).allTopicNames()
                                .get(5, TimeUnit.SECONDS).get(topic).partitions().stream()
                                .map(p -> new TopicPartition(topic, p.partition())).toList();
                        Map<TopicPartition, OffsetSpec> latest = partitions.stream()
                                .collect(Collectors.toMap(Function.identity(), p -> OffsetSpec.latest()));
                        Map<TopicPartition, Long> stable = offsets(admin, latest, IsolationLevel.READ_COMMITTED);
                        Map<TopicPartition, Long> end = offsets(admin, latest, IsolationLevel.READ_UNCOMMITTED);
                        return stable.equals(end);
                    });
        }
        return Duration.ofNanos(System.nanoTime() - start);
    }

    private static Map<TopicPartition, Long> offsets(Admin admin, Map<TopicPartition, OffsetSpec> specs,
                                                     IsolationLevel isolation) throws Exception {
        return admin.listOffsets(specs, new ListOffsetsOptions(isolation)).all().get(5, TimeUnit.SECONDS)
                .entrySet().stream().collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().offset()));
    }
}
