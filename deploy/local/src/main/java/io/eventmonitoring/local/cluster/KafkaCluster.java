package io.eventmonitoring.local.cluster;

import io.eventmonitoring.process.ProcessException;
import io.eventmonitoring.process.LocalPorts;
import io.eventmonitoring.process.JavaCommand;
import io.eventmonitoring.process.Logs;
import io.eventmonitoring.process.ManagedProcess;
import io.eventmonitoring.process.ProcessLauncher;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import java.util.function.Supplier;

/** Formats and starts the Kafka JVMs of a {@link ClusterPlan}, each from Kafka's own main classes. */
public final class KafkaCluster {

    private static final Duration FORMAT_TIMEOUT = Duration.ofMinutes(2);
    /**
     * C1 only: a local cluster carries little load, while C2 compiling Kafka's hot paths at every start costs six
     * JVMs on a small machine CPU they wait for, and memory (figures in docs/local-platform.md).
     */
    private static final String QUICK_START = "-XX:TieredStopAtLevel=1";

    private final ClusterPlan plan;
    private final Path dataDir;
    private final String classpath;
    private final ClassDataSharing classData;

    /** {@code dataDir}: the platform's data folder, where the nodes keep {@code config/}, {@code kafka/<node>/} and {@code logs/}. */
    public KafkaCluster(ClusterPlan plan, Path dataDir, Path libDir) {
        this.plan = plan;
        this.dataDir = dataDir;
        this.classpath = KafkaRuntime.classpath(libDir);
        this.classData = new ClassDataSharing(libDir, classpath);
    }

    /** Heap per role: brokers hold the partitions' caches; controllers only the metadata log. */
    static String heap(KafkaNode node) {
        return node.isBroker() ? "512m" : "256m";
    }

    public Path configFile(KafkaNode node) {
        return dataDir.resolve("config").resolve(node.name() + ".properties");
    }

    /** Writes every node's config and formats the storage of the nodes not formatted yet, all with one cluster id. */
    public void prepare(ClusterIdentity identity) {
        Path logConfig = KafkaRuntime.writeLogConfig(dataDir.resolve("config"));
        for (KafkaNode node : plan.nodes()) {
            Path file = configFile(node);
            try {
                Files.writeString(file, ServerProperties.render(
                        ServerProperties.of(plan, node, dataDir.resolve("kafka").resolve(node.name()))), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot write " + file, e);
            }
        }
        List<KafkaNode> unformatted = plan.nodes().stream()
                .filter(node -> !Files.isRegularFile(dataDir.resolve("kafka").resolve(node.name()).resolve("meta.properties")))
                .toList();
        // In parallel: each format is a JVM start, and six in a row would add seconds to the first run.
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, unformatted.size()));
        try {
            List<Future<?>> formats = unformatted.stream()
                    .<Future<?>>map(node -> pool.submit(() -> format(node, identity, logConfig)))
                    .toList();
            for (Future<?> format : formats) {
                format.get();
            }
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ProcessException("interrupted while formatting the storage");
        } finally {
            pool.shutdownNow();
        }
    }

    private void format(KafkaNode node, ClusterIdentity identity, Path logConfig) {
        Path log = dataDir.resolve("logs").resolve(node.name() + "-format.log");
        JavaCommand java = JavaCommand.forProcess(node.name() + "-format")
                .maxHeap("128m")
                .option(QUICK_START);
        if (classData.ready()) {
            classData.useOptions().forEach(java::option);
        }
        List<String> command = java
                .systemProperty("log4j2.configurationFile", logConfig.toString())
                .systemProperty(KafkaRuntime.LOG_FILE_PROPERTY, log.toString())
                .main(classpath, "kafka.tools.StorageTool",
                        List.of("format", "-t", identity.clusterId(), "-c", configFile(node).toString()));
        int exit = ProcessLauncher.run(node.name() + " storage format", command, dataDir, log, FORMAT_TIMEOUT);
        if (exit != 0) {
            throw new ProcessException("formatting the storage of " + node.name() + " failed (exit " + exit + "):\n"
                    + Logs.tail(log, 20));
        }
    }

    /** Starts every node (brokers wait for the controller quorum by themselves), handing each to {@code started}. */
    public void start(Consumer<ManagedProcess> started) {
        boolean shared = classData.ready();
        KafkaNode dumper = plan.brokers().get(0);
        for (KafkaNode node : plan.nodes()) {
            boolean dumps = !shared && node.equals(dumper);
            ManagedProcess process = launch(node, shared, dumps);
            if (dumps) {
                process.exitCode().thenAccept(classData::dumperExited);
            }
            started.accept(process);
        }
    }

    /** Starts one node again, on its formatted storage: after a crash, or after a user or a fault test killed it. */
    public ManagedProcess restart(KafkaNode node) {
        return launch(node, classData.ready(), false);
    }

    private ManagedProcess launch(KafkaNode node, boolean shared, boolean dumps) {
        Path logConfig = dataDir.resolve("config").resolve("log4j2.properties");
        JavaCommand java = JavaCommand.forProcess(node.name())
                .heap(heap(node))
                // Kafka's own JVM settings (kafka-run-class.sh).
                .option("-XX:+UseG1GC")
                .option("-XX:MaxGCPauseMillis=20")
                .option("-XX:InitiatingHeapOccupancyPercent=35")
                .option("-XX:+ExplicitGCInvokesConcurrent")
                .option(QUICK_START);
        if (shared) {
            classData.useOptions().forEach(java::option);
        } else if (dumps) {
            classData.dumpOptions().forEach(java::option);
        }
        List<String> command = java
                .systemProperty("java.awt.headless", "true")
                .systemProperty("log4j2.configurationFile", logConfig.toString())
                .systemProperty(KafkaRuntime.LOG_FILE_PROPERTY, log(node).toString())
                .main(classpath, "kafka.Kafka", List.of(configFile(node).toString()));
        // stdout only carries what a JVM prints outside Log4j (crashes, GC warnings).
        return ProcessLauncher.launch(node.name(), node.role(), node.mainPort(), command,
                dataDir, dataDir.resolve("logs").resolve(node.name() + ".out"), Map.of());
    }

    /** Kafka's own log of the node (Log4j 2); its {@code .out} beside it holds what the JVM prints outside Log4j. */
    public Path log(KafkaNode node) {
        return dataDir.resolve("logs").resolve(node.name() + ".log");
    }

    public Admin admin() {
        return admin(plan.bootstrapServers());
    }

    public static Admin admin(String bootstrapServers) {
        Properties props = new Properties();
        props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(AdminClientConfig.CLIENT_ID_CONFIG, "local-platform");
        props.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, "5000");
        props.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, "10000");
        props.put(AdminClientConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, "500");
        return Admin.create(props);
    }

    /** Waits until every broker listener accepts connections, failing fast with the log of a node that exits. */
    public void awaitListeners(Supplier<List<ManagedProcess>> nodes, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!plan.brokers().stream().allMatch(node -> LocalPorts.isListening(node.brokerPort()))) {
            requireAlive(nodes.get());
            if (System.nanoTime() > deadline) {
                throw new ProcessException("the brokers did not listen within " + timeout.toSeconds()
                        + " s; see the logs in " + dataDir.resolve("logs"));
            }
            pause();
        }
    }

    /**
     * Waits until every broker has registered with the controller quorum (which needs a quorum leader). Call
     * after {@link #awaitListeners}: an admin client with no reachable bootstrap server rebootstraps in a busy loop.
     */
    public void awaitBrokers(Admin admin, Supplier<List<ManagedProcess>> nodes, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        int expected = plan.brokers().size();
        int registered = 0;
        while (true) {
            requireAlive(nodes.get());
            try {
                registered = admin.describeCluster(new DescribeClusterOptions().timeoutMs(2000))
                        .nodes().get(3, TimeUnit.SECONDS).size();
                if (registered == expected) {
                    return;
                }
            } catch (ExecutionException | TimeoutException e) {
                // Brokers listen before they have registered: keep asking.
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new ProcessException("interrupted while waiting for the brokers");
            }
            if (System.nanoTime() > deadline) {
                throw new ProcessException(registered + " of " + expected + " brokers registered within "
                        + timeout.toSeconds() + " s; see the logs in " + dataDir.resolve("logs"));
            }
            pause();
        }
    }

    private void requireAlive(List<ManagedProcess> nodes) {
        for (ManagedProcess node : nodes) {
            if (!node.isAlive()) {
                Path log = dataDir.resolve("logs").resolve(node.name() + ".log");
                throw new ProcessException(node.name() + " exited during startup; the end of " + log + ":\n"
                        + Logs.tail(log, 30));
            }
        }
    }

    static void pause() {
        Logs.pause(Duration.ofMillis(250), "waiting for the cluster");
    }
}
