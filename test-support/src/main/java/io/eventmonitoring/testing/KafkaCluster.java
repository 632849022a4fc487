package io.eventmonitoring.testing;

import io.eventmonitoring.events.Topics;
import kafka.server.BrokerServer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.common.utils.Exit;
import org.apache.kafka.common.test.TestKitNodes;
import org.awaitility.Awaitility;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * A real KRaft cluster (3 dedicated controllers, 3 brokers) in this JVM, from Kafka's own test kit, with
 * the design's topics at replication factor 3 and {@code min.insync.replicas=2}. One per JVM: test classes
 * share it, as they would share a platform.
 */
public final class KafkaCluster {

    /** Topic name to partition count, as in the design. */
    public static final Map<String, Integer> TOPICS = Map.of(
            Topics.BUSINESS_EVENTS, 6,
            Topics.SERVICE_LOGS, 3,
            Topics.BRIDGE_OUTBOX, 6,
            Topics.BUSINESS_EVENTS_DLQ, 3,
            Topics.BRIDGE_SILENCES, 1,
            Topics.BRIDGE_DEAD_LETTER_REPLAYS, 1);

    private static KafkaCluster shared;
    /** Held so that the levels set on them stay set. */
    private static final List<Logger> BROKER_LOGGERS = new ArrayList<>();

    private final KafkaClusterTestKit kit;
    /** Taken once: a stopped broker has no bound port, and restarted brokers keep theirs (pre-bound sockets). */
    private final String bootstrapServers;

    private KafkaCluster(KafkaClusterTestKit kit) {
        this.kit = kit;
        this.bootstrapServers = kit.bootstrapServers();
    }

    public static synchronized KafkaCluster shared() {
        if (shared == null) {
            shared = start();
            Runtime.getRuntime().addShutdownHook(new Thread(shared::close, "kafka-test-cluster-stop"));
        }
        return shared;
    }

    private static KafkaCluster start() {
        // In-process brokers must not end the test JVM: Kafka halts on fatal errors, e.g. while the JVM shuts down.
        Exit.setExitProcedure((status, message) -> System.err.println("test KRaft cluster asked to exit " + status + ": " + message));
        Exit.setHaltProcedure((status, message) -> System.err.println("test KRaft cluster asked to halt " + status + ": " + message));
        quietBrokerLogging();
        try {
            KafkaClusterTestKit kit = new KafkaClusterTestKit.Builder(new TestKitNodes.Builder()
                    .setNumControllerNodes(3)
                    .setNumBrokerNodes(3)
                    .build())
                    .setConfigProp("auto.create.topics.enable", "false")
                    .setConfigProp("offsets.topic.replication.factor", "3")
                    .setConfigProp("group.initial.rebalance.delay.ms", "0")
                    .build();
            kit.format();
            kit.startup();
            kit.waitForReadyBrokers();
            KafkaCluster cluster = new KafkaCluster(kit);
            cluster.createTopics();
            return cluster;
        } catch (Exception e) {
            throw new IllegalStateException("cannot start the test KRaft cluster", e);
        }
    }

    /**
     * A test JVM without a logging configuration enables every level and filters at the handler, so the in-process
     * brokers would format each of their debug and trace messages only to drop it: CPU taken from what is tested.
     * A category configured explicitly (by Quarkus, say) keeps its level.
     */
    private static void quietBrokerLogging() {
        for (String category : List.of("kafka", "org.apache.kafka", "state.change.logger")) {
            Logger logger = Logger.getLogger(category);
            if (logger.getLevel() == null) {
                logger.setLevel(Level.INFO);
                BROKER_LOGGERS.add(logger);
            }
        }
    }

    private void createTopics() throws Exception {
        try (Admin admin = admin()) {
            List<NewTopic> topics = new ArrayList<>();
            TOPICS.forEach((name, partitions) -> {
                NewTopic topic = new NewTopic(name, partitions, (short) 3);
                topic.configs(Topics.BRIDGE_SILENCES.equals(name) || Topics.BRIDGE_DEAD_LETTER_REPLAYS.equals(name)
                        ? Map.of(TopicConfig.MIN_IN_SYNC_REPLICAS_CONFIG, "2",
                                TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT)
                        : Map.of(TopicConfig.MIN_IN_SYNC_REPLICAS_CONFIG, "2"));
                topics.add(topic);
            });
            admin.createTopics(topics).all().get();
        }
    }

    public String bootstrapServers() {
        return bootstrapServers;
    }

    /** Ids of the brokers (not the controllers), in order. */
    public List<Integer> brokerIds() {
        return kit.brokers().keySet().stream().sorted().toList();
    }

    /** Stops a broker the way an operator would (controlled shutdown): it leaves the ISRs, leaders move. */
    public void stopBroker(int id) {
        kit.brokers().get(id).shutdown();
    }

    /**
     * Starts every stopped broker again and waits until each topic partition has all its replicas in sync, so the
     * next test finds the cluster as the first one did.
     */
    public void restoreAllBrokers(Duration timeout) {
        kit.brokers().values().stream()
                .filter(BrokerServer::isShutdown)
                .forEach(BrokerServer::startup);
        awaitFullIsr(timeout);
    }

    /** Waits until every partition of the design's topics has all 3 replicas in its ISR. */
    public void awaitFullIsr(Duration timeout) {
        Awaitility.await("all replicas in sync").atMost(timeout).pollInterval(Duration.ofMillis(200))
                .ignoreExceptions()
                .until(() -> {
                    try (Admin admin = admin()) {
                        return admin.describeTopics(TOPICS.keySet()).allTopicNames().get(5, TimeUnit.SECONDS)
                                .values().stream()
                                .flatMap(topic -> topic.partitions().stream())
                                .allMatch(partition -> partition.leader() != null && partition.isr().size() == 3);
                    }
                });
    }

    public Admin admin() {
        Properties props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
        return Admin.create(props);
    }

    /** The test kit itself, for fault tests that stop and restart brokers. */
    public KafkaClusterTestKit kit() {
        return kit;
    }

    /** Every record currently on the topic, read from the beginning of every partition. */
    public List<ConsumerRecord<String, String>> readAll(String topic) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
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

    private void close() {
        try {
            kit.close();
        } catch (Exception e) {
            System.err.println("test KRaft cluster did not stop cleanly: " + e);
        }
    }
}
