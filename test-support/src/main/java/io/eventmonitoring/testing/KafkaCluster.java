package io.eventmonitoring.testing;

import io.eventmonitoring.events.TopicContract;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.common.utils.Exit;
import org.apache.kafka.common.test.TestKitNodes;

import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * A real KRaft cluster (3 dedicated controllers, 3 brokers) in this JVM, from Kafka's own test kit, with
 * the design's topics at replication factor 3 and {@code min.insync.replicas=2}. One per JVM: test classes
 * share it, as they would share a platform.
 */
public final class KafkaCluster {

    private static KafkaCluster shared;
    /** Held so that the levels set on them stay set. */
    private static final List<Logger> BROKER_LOGGERS = new ArrayList<>();

    private final KafkaClusterTestKit kit;
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
            List<NewTopic> topics = TopicContract.TOPICS.stream()
                    .map(t -> new NewTopic(t.name(), t.partitions(), TopicContract.REPLICATION_FACTOR).configs(t.allConfig()))
                    .toList();
            admin.createTopics(topics).all().get();
        }
    }

    public String bootstrapServers() {
        return bootstrapServers;
    }

    public Admin admin() {
        Properties props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
        return Admin.create(props);
    }

    /** Every record currently on the topic as a read-committed consumer sees it, from the beginning. */
    public List<ConsumerRecord<String, String>> readAll(String topic) {
        return CommittedRecords.read(bootstrapServers(), topic);
    }

    private void close() {
        try {
            kit.close();
        } catch (Exception e) {
            System.err.println("test KRaft cluster did not stop cleanly: " + e);
        }
    }
}
