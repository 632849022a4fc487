package io.eventmonitoring.local;

import io.eventmonitoring.process.LocalPorts;
import io.eventmonitoring.process.ManagedProcess;
import io.eventmonitoring.process.OrderedStop;
import io.eventmonitoring.process.ProcessException;
import io.eventmonitoring.process.QuarkusApp;
import io.eventmonitoring.process.Role;
import io.eventmonitoring.process.kafka.KafkaCluster;
import io.eventmonitoring.slacksink.SlackSink;
import org.apache.kafka.common.Uuid;

import java.io.PrintStream;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Starts the whole local platform in order (Kafka storage, Kafka nodes, sink, topics, services) and stops it in the
 * reverse dependency order. Safe to stop at any moment of the start, from a shutdown hook. Once started, it restarts
 * services that exit and takes {@code restart <process>} requests from other terminals.
 */
public final class Platform {

    /** What {@code start} runs: where, on which ports, with or without the services. */
    public record Config(Path repoRoot, DataDir dataDir, Ports ports, boolean services) {

        /** The services in start order: a module's packaged app, its port and the option that sets it. */
        List<Service> serviceList() {
            return !services ? List.of() : List.of(new Service("domain-user", ports.user(), "--user-port"),
                    new Service("domain-order", ports.order(), "--order-port"),
                    new Service("bridge", ports.bridge(), "--bridge-port"));
        }
    }

    record Service(String module, int port, String option) {
    }

    private static final Duration BROKERS_TIMEOUT = Duration.ofMinutes(2);
    private static final Duration SERVICE_TIMEOUT = Duration.ofMinutes(3);
    private static final Duration STOP_GRACE = Duration.ofMinutes(1);

    private final Config config;
    private final Map<String, String> env;
    private final PrintStream out;
    private final boolean echoSlack;
    private final DataDir dataDir;
    private final KafkaCluster cluster;
    private final Processes processes;
    private final List<String> banner = new ArrayList<>();
    private SlackSink sink;

    public Platform(Config config, Map<String, String> env, PrintStream out) {
        this(config, env, out, true);
    }

    /** {@code echoSlack} false: the sink's messages go to its log only, not to {@code out}. */
    public Platform(Config config, Map<String, String> env, PrintStream out, boolean echoSlack) {
        this.config = config;
        this.env = env;
        this.out = out;
        this.echoSlack = echoSlack;
        this.dataDir = config.dataDir();
        this.cluster = new KafkaCluster(dataDir.root(), config.ports().broker(), config.ports().controller(), kafkaLib());
        this.processes = new Processes(Processes.Backoff.SERVICES, STOP_GRACE, out, this::writeState);
    }

    /**
     * The jars the Kafka nodes run on, copied to {@code target/lib} by maven-dependency-plugin: beside the launcher's
     * jar when run by deploy/local/platform, beside {@code target/classes} in tests.
     */
    public static Path kafkaLib() {
        try {
            return Path.of(Platform.class.getProtectionDomain().getCodeSource().getLocation().toURI()).resolveSibling("lib");
        } catch (URISyntaxException e) {
            throw new IllegalStateException("cannot locate the launcher's own code", e);
        }
    }

    public KafkaCluster cluster() {
        return cluster;
    }

    public List<ManagedProcess> processes() {
        return processes.all();
    }

    public ManagedProcess process(String name) {
        return processes.current(name);
    }

    /** The Slack sink, once started: the chaos run switches its faults. */
    public SlackSink sink() {
        return sink;
    }

    public boolean isStopping() {
        return processes.isStopping();
    }

    /** Starts everything and returns once the services are ready; on failure, what started is left for stop(). */
    public Duration start() {
        long started = System.nanoTime();
        dataDir.create();
        refuseIfRunning();
        List<Service> services = config.serviceList();
        List<String> missing = services.stream().filter(s -> !Files.isRegularFile(QuarkusApp.jar(config.repoRoot(),
                s.module()))).map(s -> s.module() + " (" + config.repoRoot().relativize(QuarkusApp.jar(config.repoRoot(),
                s.module())) + ")").toList();
        if (!missing.isEmpty()) {
            throw new ProcessException("not built: " + String.join(", ", missing) + "; build them from the repository "
                    + "root with: ./mvnw -q -DskipTests package (or start with --no-services)");
        }
        requireFreePorts(services);
        Optional<String> formatted = cluster.clusterId();
        String clusterId = formatted.orElseGet(() -> Uuid.randomUuid().toString());
        out.printf("[platform] %s cluster %s in %s%n", formatted.isEmpty() ? "formatting" : "starting", clusterId,
                dataDir.root());
        cluster.prepare(clusterId);
        startSink();
        for (KafkaCluster.Node node : cluster.nodes()) {
            processes.add(cluster.start(node), () -> cluster.start(node));
        }
        cluster.awaitBrokers(processes(), BROKERS_TIMEOUT);
        out.println("[platform] brokers ready at " + cluster.bootstrapServers());
        List<String> created = cluster.ensureTopics(Duration.ofMinutes(1));
        out.println("[platform] topics " + (created.isEmpty() ? "present" : "created: " + String.join(", ", created)));
        if (!services.isEmpty()) {
            BridgeEnv bridge = BridgeEnv.resolve(env, dataDir, sink::url, out);
            banner.addAll(bridge.lines());
            for (Service service : services) {
                Map<String, String> serviceEnv = service.module().equals("bridge") ? bridge.env() : Map.of();
                processes.add(startService(service, serviceEnv), () -> startService(service, serviceEnv));
            }
            out.println("[platform] started " + services.stream().map(Service::module).collect(Collectors.joining(", "))
                    + "; waiting for their readiness checks");
            QuarkusApp.awaitReady(processes().stream().filter(p -> p.role() == Role.SERVICE).toList(),
                    SERVICE_TIMEOUT, out);
        }
        processes.supervise();
        Instant launcherStart = ProcessHandle.current().info().startInstant().orElse(Instant.EPOCH);
        processes.every(Requests.POLL, () -> Requests.serve(dataDir.requests(), launcherStart, this::restart));
        // The table writes the state under its own lock whenever a process changes; so does this.
        synchronized (processes) {
            writeState();
        }
        return Duration.ofNanos(System.nanoTime() - started);
    }

    private void refuseIfRunning() {
        PlatformState.read(dataDir).ifPresent(state -> {
            state.launcher().ifPresent(launcher -> {
                throw new ProcessException("the platform already runs from " + dataDir.root() + " (launcher pid "
                        + launcher.pid() + "); stop it with deploy/local/platform stop, or choose another --data-dir");
            });
            if (!state.aliveProcesses().isEmpty()) {
                throw new ProcessException("processes of an earlier run are still alive (" + state.aliveProcesses()
                        .stream().map(p -> p.name() + " pid " + p.pid()).collect(Collectors.joining(", "))
                        + "); stop them with deploy/local/platform stop");
            }
        });
    }

    /** Each port free, and given to one use only. */
    private void requireFreePorts(List<Service> services) {
        Map<Integer, String> uses = new LinkedHashMap<>();
        Map<String, Integer> wanted = new LinkedHashMap<>();
        cluster.nodes().forEach(node -> wanted.put(node.name() + " (--" + node.role().label() + "-port)", node.port()));
        wanted.put("the Slack sink (--sink-port)", config.ports().sink());
        services.forEach(service -> wanted.put(service.module() + " (" + service.option() + ")", service.port()));
        wanted.forEach((use, port) -> {
            String other = uses.put(port, use);
            if (other != null || !LocalPorts.isFree(port)) {
                throw new ProcessException("port " + port + " on 127.0.0.1 is " + (other != null ? "given to both "
                        + other + " and " + use : "in use, needed by " + use)
                        + "; choose other ports with that option or its LOCAL_PLATFORM_ variable");
            }
        });
        if (uses.keySet().stream().anyMatch(port -> port >= 32768)) {
            out.println("[platform] note: ports from 32768 up may be taken by the cluster's own outgoing connections "
                    + "before a server binds them; ports below 32768 (the defaults) avoid that.");
        }
    }

    private void startSink() {
        sink = SlackSink.start(config.ports().sink(), message -> {
            if (echoSlack) {
                out.println(message);
            }
            DataDir.append(dataDir.log("slack-sink"), message);
        }, received -> {
            // The record counts messages; an edit changes one already counted.
            if (!received.isEdit()) {
                DataDir.append(dataDir.sinkRecord(), received.toJsonLine());
            }
        });
        out.println("[platform] Slack sink listening on " + sink.url("<channel>") + ", Web API on " + sink.apiUrl()
                + "/chat.postMessage and chat.update");
    }

    /** The service's packaged app; {@code serviceEnv} carries its secrets, which never appear on its command line. */
    private ManagedProcess startService(Service service, Map<String, String> serviceEnv) {
        return QuarkusApp.start(config.repoRoot(), service.module(), service.port(), List.of("-Xmx256m"),
                Map.of("kafka.bootstrap.servers", cluster.bootstrapServers()), serviceEnv, dataDir.log(service.module()));
    }

    /**
     * {@code restart <process>}: stops a service or a Kafka node if it runs (SIGTERM, SIGKILL after a grace), starts
     * it again and waits until it is ready (a service) or listens (a Kafka node). Progress goes to {@code reply}; a
     * process that does not come up fails with the end of its log.
     */
    public ManagedProcess restart(String name, PrintStream reply) {
        ManagedProcess process = processes.restart(name, reply);
        if (process.role() == Role.SERVICE) {
            QuarkusApp.awaitReady(List.of(process), SERVICE_TIMEOUT, reply);
        } else {
            cluster.awaitListening(List.of(process), System.nanoTime() + BROKERS_TIMEOUT.toNanos());
        }
        reply.println(name + " is up again on port " + process.port());
        return process;
    }

    private void writeState() {
        ProcessHandle self = ProcessHandle.current();
        new PlatformState(self.pid(), self.info().startInstant().orElse(Instant.EPOCH), cluster.bootstrapServers(),
                config.ports().sink(),
                processes.all().stream().map(p -> new PlatformState.Entry(p.name(), p.role(), p.pid(), p.startedAt(),
                        p.port(), p.log(), processes.restarts(p.name()))).toList())
                .write(dataDir);
    }

    /** Stops services, then brokers, then controllers; idempotent. Returns false if a process had to be killed. */
    public boolean stop() {
        List<ManagedProcess> running = processes.stop();
        boolean clean = new OrderedStop(STOP_GRACE, out).stop(running);
        if (sink != null) {
            sink.close();
        }
        if (running.stream().noneMatch(ManagedProcess::isAlive)) {
            PlatformState.delete(dataDir);
        }
        return clean;
    }

    /** What a person needs once the platform is up: addresses, logs, and how to send a first event. */
    public String banner(Duration startTime) {
        StringBuilder text = new StringBuilder(String.format("%n[platform] up in %.1f s%n", startTime.toMillis() / 1000.0));
        text.append("  kafka        ").append(cluster.bootstrapServers()).append("  (3 controllers + 3 brokers)\n");
        text.append("  slack sink   ").append(sink.url("{user,order}")).append('\n');
        processes().stream().filter(p -> p.role() == Role.SERVICE).forEach(p ->
                text.append(String.format("  %-12s http://127.0.0.1:%d%n", p.name(), p.port())));
        banner.forEach(line -> text.append("  ").append(line).append('\n'));
        text.append("  logs         ").append(dataDir.logs()).append("\n\n");
        if (config.services()) {
            text.append("Send a first event; the bridge's Slack message is printed here as [slack #user ...]:\n")
                    .append("  curl -s -XPOST localhost:").append(config.ports().user()).append("/users -H 'content-type: "
                            + "application/json' -d '{\"email\":\"ada@example.com\",\"name\":\"Ada\"}'\n");
        } else {
            text.append("Run a service in dev mode against this cluster (from the repository root):\n")
                    .append("  ./mvnw -pl domain-user quarkus:dev -Dkafka.bootstrap.servers=")
                    .append(cluster.bootstrapServers()).append('\n');
        }
        return text.append("Status: deploy/local/platform status    Stop: Ctrl-C here, or deploy/local/platform stop\n")
                .toString();
    }
}
