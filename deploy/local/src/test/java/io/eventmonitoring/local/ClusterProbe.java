package io.eventmonitoring.local;

import io.eventmonitoring.events.TopicContract;
import io.eventmonitoring.process.ManagedProcess;
import io.eventmonitoring.process.kafka.KafkaCluster;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.QuorumInfo;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Looks at a running cluster from outside, as a client would, for the cluster tests. */
final class ClusterProbe implements AutoCloseable {

    private final String bootstrapServers;
    private final Admin admin;

    ClusterProbe(String bootstrapServers) {
        this.bootstrapServers = bootstrapServers;
        this.admin = KafkaCluster.admin(bootstrapServers);
    }

    List<Integer> brokerIds() throws Exception {
        return admin.describeCluster().nodes().get(10, TimeUnit.SECONDS).stream().map(Node::id).sorted().toList();
    }

    String clusterId() throws Exception {
        return admin.describeCluster().clusterId().get(10, TimeUnit.SECONDS);
    }

    QuorumInfo quorum() throws Exception {
        return admin.describeMetadataQuorum().quorumInfo().get(10, TimeUnit.SECONDS);
    }

    /** Every contract topic has its partitions, RF 3 on every partition, min ISR 2 and the right cleanup policy. */
    void assertContractTopics() throws Exception {
        List<String> names = TopicContract.TOPICS.stream().map(TopicContract.Topic::name).toList();
        Map<String, TopicDescription> topics = admin.describeTopics(names).allTopicNames().get(10, TimeUnit.SECONDS);
        Map<ConfigResource, Config> configs = admin.describeConfigs(names.stream()
                .map(n -> new ConfigResource(ConfigResource.Type.TOPIC, n)).toList()).all().get(10, TimeUnit.SECONDS);
        for (TopicContract.Topic spec : TopicContract.TOPICS) {
            TopicDescription topic = topics.get(spec.name());
            Config config = configs.get(new ConfigResource(ConfigResource.Type.TOPIC, spec.name()));
            assertThat(topic.partitions()).as(spec.name()).hasSize(spec.partitions());
            assertThat(topic.partitions()).as(spec.name()).allSatisfy(p -> assertThat(p.replicas()).hasSize(3));
            assertThat(config.get(TopicConfig.MIN_IN_SYNC_REPLICAS_CONFIG).value()).as(spec.name()).isEqualTo("2");
            assertThat(config.get(TopicConfig.CLEANUP_POLICY_CONFIG).value()).as(spec.name())
                    .isEqualTo(spec.cleanupPolicy());
        }
    }

    RecordMetadata produce(String topic, String key, String value) throws Exception {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        try (KafkaProducer<String, String> producer =
                     new KafkaProducer<>(props, new StringSerializer(), new StringSerializer())) {
            return producer.send(new ProducerRecord<>(topic, key, value)).get(30, TimeUnit.SECONDS);
        }
    }

    /** Reads one partition from its start until a record with {@code key} shows up. */
    ConsumerRecord<String, String> consume(TopicPartition partition, String key) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        try (KafkaConsumer<String, String> consumer =
                     new KafkaConsumer<>(props, new StringDeserializer(), new StringDeserializer())) {
            consumer.assign(List.of(partition));
            consumer.seekToBeginning(List.of(partition));
            List<ConsumerRecord<String, String>> seen = new ArrayList<>();
            await().atMost(Duration.ofSeconds(30)).until(() -> {
                consumer.poll(Duration.ofMillis(200)).forEach(seen::add);
                return seen.stream().anyMatch(r -> key.equals(r.key()));
            });
            return seen.stream().filter(r -> key.equals(r.key())).findFirst().orElseThrow();
        }
    }

    @Override
    public void close() {
        admin.close();
    }

    /** Resident memory of the processes in MB, from /proc (Linux); -1 where it cannot be read. */
    static long residentMegabytes(Collection<ManagedProcess> processes) {
        long kilobytes = 0;
        for (ManagedProcess process : processes) {
            try {
                for (String line : Files.readAllLines(Path.of("/proc", Long.toString(process.pid()), "status"))) {
                    if (line.startsWith("VmRSS:")) {
                        kilobytes += Long.parseLong(line.replaceAll("[^0-9]", ""));
                    }
                }
            } catch (IOException e) {
                return -1;
            }
        }
        return kilobytes / 1024;
    }
}
