package io.eventmonitoring.process.kafka;

import io.eventmonitoring.events.TopicContract;
import io.eventmonitoring.process.JavaCommand;
import io.eventmonitoring.process.LocalPorts;
import io.eventmonitoring.process.Logs;
import io.eventmonitoring.process.ManagedProcess;
import io.eventmonitoring.process.ProcessException;
import io.eventmonitoring.process.ProcessLauncher;
import io.eventmonitoring.process.Role;
import kafka.tools.StorageTool;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.utils.AppInfoParser;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * A KRaft cluster of three controllers (node ids 1-3) and three brokers (4-6) on 127.0.0.1, each its own JVM run from
 * Kafka's main classes, with its config, storage and log under one data folder: the local platform's cluster, and the
 * one the fault tests kill and freeze brokers of.
 */
public final class KafkaCluster {

    public static final String HOST = "127.0.0.1";
    /** The system property naming the file a JVM logs to, in the shared Log4j 2 configuration. */
    private static final String LOG_FILE_PROPERTY = "localplatform.log";

    /** One Kafka JVM: {@code controller-1}, {@code broker-4}; the node id is in the name, as in Kafka's logs. */
    public record Node(int id, Role role, int port) {

        public String name() {
            return role.label() + "-" + id;
        }
    }

    private final Path dataDir;
    private final Path lib;
    private final List<Node> nodes;

    /** {@code lib} holds the jars the nodes run on: Kafka's, and Log4j 2 behind SLF4J for their logs. */
    public KafkaCluster(Path dataDir, int firstBrokerPort, int firstControllerPort, Path lib) {
        this.dataDir = dataDir;
        this.lib = lib;
        this.nodes = IntStream.range(0, 6).mapToObj(i -> i < 3 ? new Node(i + 1, Role.CONTROLLER, firstControllerPort + i)
                : new Node(i + 1, Role.BROKER, firstBrokerPort + i - 3)).toList();
    }

    public List<Node> nodes() {
        return nodes;
    }

    public List<Node> brokers() {
        return nodes.stream().filter(n -> n.role() == Role.BROKER).toList();
    }

    public String bootstrapServers() {
        return brokers().stream().map(n -> HOST + ":" + n.port()).collect(Collectors.joining(","));
    }

    /** The id the nodes' storage is formatted with (Kafka's {@code meta.properties}); empty before the first start. */
    public Optional<String> clusterId() {
        return nodes.stream().map(node -> storage(node).resolve("meta.properties")).filter(Files::isRegularFile)
                .findFirst().map(meta -> {
                    Properties props = new Properties();
                    try (var reader = Files.newBufferedReader(meta)) {
                        props.load(reader);
                    } catch (IOException e) {
                        throw new UncheckedIOException("cannot read " + meta, e);
                    }
                    return props.getProperty("cluster.id");
                });
    }

    /** Writes every node's config and formats the storage of the nodes not formatted yet (Kafka's storage tool). */
    public void prepare(String clusterId) {
        writeLogConfig(dataDir.resolve("config"));
        for (Node node : nodes) {
            try {
                Files.writeString(config(node), serverProperties(node));
            } catch (IOException e) {
                throw new UncheckedIOException("cannot write " + config(node), e);
            }
            if (!Files.isRegularFile(storage(node).resolve("meta.properties"))) {
                ByteArrayOutputStream said = new ByteArrayOutputStream();
                String[] format = {"format", "-t", clusterId, "-c", config(node).toString()};
                try {
                    if (StorageTool.execute(format, new PrintStream(said, true, StandardCharsets.UTF_8)) != 0) {
                        throw new IllegalStateException("exit code not 0");
                    }
                } catch (RuntimeException e) {
                    throw new ProcessException("formatting " + node.name() + " failed (" + e.getMessage() + "): " + said, e);
                }
            }
        }
    }

    /**
     * Starts a node, on its formatted storage: at the start, or again after it exited. Brokers wait for the quorum
     * by themselves. Kafka's own JVM settings (kafka-run-class.sh), and C1 only: a local cluster carries little load,
     * while C2 compiling Kafka's hot paths at every start costs six JVMs on a small machine CPU they wait for.
     */
    public ManagedProcess start(Node node) {
        List<String> command = JavaCommand.forProcess(node.name())
                .systemProperty("log4j2.configurationFile", dataDir.resolve("config/log4j2.properties").toString())
                .systemProperty(LOG_FILE_PROPERTY, log(node.name()).toString())
                .heap(node.role() == Role.BROKER ? "512m" : "256m")
                .option("-XX:+UseG1GC").option("-XX:MaxGCPauseMillis=20").option("-XX:InitiatingHeapOccupancyPercent=35")
                .option("-XX:+ExplicitGCInvokesConcurrent").option("-XX:TieredStopAtLevel=1")
                .systemProperty("java.awt.headless", "true")
                .main(classpath(), "kafka.Kafka", List.of(config(node).toString()));
        // stdout only carries what a JVM prints outside Log4j (crashes, GC warnings).
        return ProcessLauncher.launch(node.name(), node.role(), node.port(), command, dataDir,
                dataDir.resolve("logs").resolve(node.name() + ".out"), Map.of());
    }

    /**
     * Every listener on 127.0.0.1, replication as the topics' contract needs. Static voters: the controller endpoints
     * come from config, so controller ports may change between runs.
     */
    String serverProperties(Node node) {
        String common = """
                process.roles=%s
                node.id=%d
                controller.quorum.voters=%s
                controller.listener.names=CONTROLLER
                log.dirs=%s
                listeners=%s://%s:%d
                """.formatted(node.role().label(), node.id(), nodes.stream().filter(n -> n.role() == Role.CONTROLLER)
                .map(n -> n.id() + "@" + HOST + ":" + n.port()).collect(Collectors.joining(",")),
                storage(node).toAbsolutePath().toString().replace("\\", "\\\\"),
                node.role() == Role.CONTROLLER ? "CONTROLLER" : "PLAINTEXT", HOST, node.port());
        return common + (node.role() == Role.CONTROLLER ? "listener.security.protocol.map=CONTROLLER:PLAINTEXT\n" : """
                advertised.listeners=PLAINTEXT://%s:%d
                inter.broker.listener.name=PLAINTEXT
                listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT
                # Topics are created by the platform with the contract's partitions; a typo must not create a new one.
                auto.create.topics.enable=false
                default.replication.factor=3
                min.insync.replicas=2
                offsets.topic.replication.factor=3
                transaction.state.log.replication.factor=3
                transaction.state.log.min.isr=2
                share.coordinator.state.topic.replication.factor=3
                share.coordinator.state.topic.min.isr=2
                # Consumers of a freshly started platform get their partitions at once instead of after 3 s.
                group.initial.rebalance.delay.ms=0
                # The compacted topics are tiny; the 128 MB default cleaner buffer would dominate a 512 MB heap.
                log.cleaner.dedupe.buffer.size=16777216
                # Failure detection stays at Kafka's defaults (fenced after 9 s), as in the test clusters and on
                # Strimzi: the domain services' timeouts are sized to ride through it, and are tested against it.
                """.formatted(HOST, node.port()));
    }

    private Path config(Node node) {
        return dataDir.resolve("config").resolve(node.name() + ".properties");
    }

    private Path storage(Node node) {
        return dataDir.resolve("kafka").resolve(node.name());
    }

    /** Kafka's own log (Log4j 2); {@code <node>.out} beside it holds what the JVM prints outside Log4j. */
    private Path log(String node) {
        return dataDir.resolve("logs").resolve(node + ".log");
    }

    public static Admin admin(String bootstrapServers) {
        return Admin.create(Map.<String, Object>of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                AdminClientConfig.CLIENT_ID_CONFIG, "local-platform",
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 5000,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 10000,
                AdminClientConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, 500));
    }

    /**
     * Waits until the nodes listen, then until every broker has registered with the quorum; fails fast with the log
     * of a node that exits. Listening first: an admin client with no reachable bootstrap server spins.
     */
    public void awaitBrokers(List<ManagedProcess> nodes, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        awaitListening(nodes, deadline);
        try (Admin admin = admin(bootstrapServers())) {
            while (valueOr(admin.describeCluster(new DescribeClusterOptions().timeoutMs(2000)).nodes(), List.of())
                    .size() < brokers().size()) {
                pause(nodes, deadline, "the brokers did not all register with the controllers");
            }
        }
    }

    public void awaitListening(List<ManagedProcess> nodes, long deadline) {
        while (!nodes.stream().allMatch(node -> LocalPorts.isListening(node.port()))) {
            pause(nodes, deadline, "not every node listened");
        }
    }

    private void pause(List<ManagedProcess> nodes, long deadline, String late) {
        nodes.stream().filter(p -> !p.isAlive()).findFirst().ifPresent(exited -> {
            throw new ProcessException(exited.name() + " exited while starting; the end of " + log(exited.name())
                    + ":\n" + Logs.tail(log(exited.name()), 30));
        });
        if (System.nanoTime() > deadline) {
            throw new ProcessException(late + " in time; see the logs in " + log("").getParent());
        }
        Logs.pause(Duration.ofMillis(250), "waiting for the cluster");
    }

    /**
     * Creates the contract's topics that are missing (the others are left as they are) and waits until every
     * partition has a leader; returns the names of those it created.
     */
    public List<String> ensureTopics(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        try (Admin admin = admin(bootstrapServers())) {
            Set<String> existing = await(admin.listTopics().names(), 10, "listing the topics");
            List<NewTopic> missing = TopicContract.TOPICS.stream().filter(t -> !existing.contains(t.name()))
                    .map(t -> new NewTopic(t.name(), t.partitions(), TopicContract.REPLICATION_FACTOR)
                            .configs(t.allConfig())).toList();
            await(admin.createTopics(missing).all(), (int) timeout.toSeconds(), "creating the topics");
            List<String> names = TopicContract.TOPICS.stream().map(TopicContract.Topic::name).toList();
            // A new topic has no leader until every broker knows it.
            while (!valueOr(admin.describeTopics(names).allTopicNames(), Map.of()).values().stream()
                    .flatMap(t -> t.partitions().stream()).allMatch(p -> p.leader() != null && !p.leader().isEmpty())) {
                if (System.nanoTime() > deadline) {
                    throw new ProcessException("partitions without a leader after " + timeout.toSeconds() + " s");
                }
                Logs.pause(Duration.ofMillis(250), "waiting for the topics' leaders");
            }
            return missing.stream().map(NewTopic::name).toList();
        }
    }

    /** The future's value within {@code seconds}; a failure, a timeout or an interrupt as a ProcessException. */
    public static <T> T await(KafkaFuture<T> future, int seconds, String what) {
        try {
            return future.get(seconds, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            throw new ProcessException(what + ": " + e.getCause().getMessage(), e.getCause());
        } catch (TimeoutException e) {
            throw new ProcessException(what + ": no answer within " + seconds + " s", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ProcessException(what + ": interrupted", e);
        }
    }

    /** The value within 10 s, or {@code otherwise}: for a question asked again until the answer is right. */
    private static <T> T valueOr(KafkaFuture<T> future, T otherwise) {
        try {
            return await(future, 10, "");
        } catch (ProcessException e) {
            return otherwise;
        }
    }

    private String classpath() {
        if (!Files.isRegularFile(lib.resolve("kafka_2.13-" + AppInfoParser.getVersion() + ".jar"))) {
            throw new ProcessException("Kafka's jars are missing from " + lib
                    + "; build them with: ./mvnw -q -DskipTests package -pl deploy/local -am");
        }
        return lib.resolve("*").toString();
    }

    /**
     * Writes the Log4j 2 configuration of every Kafka JVM, and points this JVM's Kafka clients at it with their log
     * in {@code log}: a console full of reconnect warnings while brokers boot helps no one.
     */
    public static void logClientsTo(Path dataDir, Path log) {
        System.setProperty("log4j2.configurationFile", writeLogConfig(dataDir.resolve("config")).toString());
        System.setProperty(LOG_FILE_PROPERTY, log.toString());
    }

    private static Path writeLogConfig(Path configDir) {
        Path file = configDir.resolve("log4j2.properties");
        try (InputStream in = KafkaCluster.class.getResourceAsStream("log4j2.properties")) {
            Files.createDirectories(configDir);
            Files.copy(in, file, StandardCopyOption.REPLACE_EXISTING);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }
}
