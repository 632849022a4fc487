package io.eventmonitoring.local;

import io.eventmonitoring.local.PortCheck.PortUse;
import io.eventmonitoring.local.cluster.ClusterIdentity;
import io.eventmonitoring.local.cluster.ClusterPlan;
import io.eventmonitoring.local.cluster.KafkaCluster;
import io.eventmonitoring.local.cluster.KafkaNode;
import io.eventmonitoring.local.cluster.KafkaRuntime;
import io.eventmonitoring.local.cluster.TopicSetup;
import io.eventmonitoring.events.TopicContract;
import io.eventmonitoring.process.LocalPorts;
import io.eventmonitoring.process.Logs;
import io.eventmonitoring.process.ManagedProcess;
import io.eventmonitoring.process.OrderedStop;
import io.eventmonitoring.process.QuarkusApp;
import io.eventmonitoring.process.Role;
import io.eventmonitoring.slacksink.SlackSink;
import org.apache.kafka.clients.admin.Admin;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Starts the whole local platform in order (Kafka storage, Kafka nodes, topics, sink, services) and stops it in
 * the reverse dependency order. Safe to stop at any moment of the start, from a shutdown hook. Once started, it
 * restarts services that exit and takes {@code restart <process>} requests from other terminals.
 */
public final class Platform {

    private static final Duration BROKERS_TIMEOUT = Duration.ofMinutes(2);
    private static final Duration TOPICS_TIMEOUT = Duration.ofMinutes(1);
    private static final Duration SERVICE_TIMEOUT = Duration.ofMinutes(3);
    private static final Duration STOP_GRACE = Duration.ofMinutes(1);
    private static final Path EPHEMERAL_RANGE = Path.of("/proc/sys/net/ipv4/ip_local_port_range");

    private final PlatformConfig config;
    private final Map<String, String> env;
    private final PrintStream out;
    private final boolean echoSlack;
    private final DataDir dataDir;
    private final ClusterPlan plan;
    private final ProcessTable processes;
    private volatile ControlServer control;
    private SlackSink sink;
    private PrintStream sinkLog;
    private PrintStream sinkRecord;
    private ClusterIdentity identity;
    private String bridgeUsers;
    private List<String> webhookRoutes = List.of();

    public Platform(PlatformConfig config, Map<String, String> env, PrintStream out) {
        this(config, env, out, true);
    }

    /** {@code echoSlack} false: the sink's messages go to its log only, not to {@code out}. */
    public Platform(PlatformConfig config, Map<String, String> env, PrintStream out, boolean echoSlack) {
        this.config = config;
        this.env = env;
        this.out = out;
        this.echoSlack = echoSlack;
        this.dataDir = config.dataDir();
        this.plan = ClusterPlan.of(config.layout(), config.ports().broker(), config.ports().controller());
        this.processes = new ProcessTable(new Supervisor(Backoff.SERVICES, Clock.systemUTC(),
                Supervisor.Scheduler.daemon("local-platform-supervisor")), STOP_GRACE, out, this::writeState);
    }

    public ClusterPlan plan() {
        return plan;
    }

    public ClusterIdentity identity() {
        return identity;
    }

    public List<ManagedProcess> processes() {
        return processes.all();
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
        List<Service> services = config.services() ? List.of(Service.values()) : List.of();
        Service.checkBuilt(config.repoRoot(), services);
        List<PortUse> ports = portUses(services);
        PortCheck.requireFree(ports);
        List<PortUse> ephemeral = PortCheck.inEphemeralRange(ports, EPHEMERAL_RANGE);
        if (!ephemeral.isEmpty()) {
            out.println("[platform] note: " + ephemeral.stream().map(u -> Integer.toString(u.port()))
                    .collect(Collectors.joining(", ")) + " lie in the system's range for outgoing connections ("
                    + EPHEMERAL_RANGE + "); one may take a port before its server binds it. Ports below 32768 "
                    + "(the defaults) avoid that.");
        }
        KafkaCluster cluster = new KafkaCluster(plan, dataDir.root(), KafkaRuntime.libDir());
        boolean fresh = ClusterIdentity.load(dataDir.root()).isEmpty();
        identity = ClusterIdentity.loadOrCreate(dataDir.root(), config.layout());
        out.printf("[platform] %s cluster %s (%s layout) in %s%n", fresh ? "formatting" : "starting",
                identity.clusterId(), config.layout().label(), dataDir.root());
        cluster.prepare(identity);
        startSink();
        cluster.start(process -> processes.add(process, () -> cluster.restart(node(process.name()))));
        cluster.awaitListeners(this::processes, BROKERS_TIMEOUT);
        try (Admin admin = cluster.admin()) {
            cluster.awaitBrokers(admin, this::processes, BROKERS_TIMEOUT);
            out.println("[platform] brokers ready at " + plan.bootstrapServers());
            List<String> created = new TopicSetup(admin).ensure(TopicContract.TOPICS, TOPICS_TIMEOUT);
            out.println("[platform] topics " + (created.isEmpty() ? "present" : "created: " + String.join(", ", created)));
        }
        startServices(services);
        processes.supervise();
        openControl();
        return Duration.ofNanos(System.nanoTime() - started);
    }

    /** Without it everything still runs; only {@code restart} from another terminal is unavailable. */
    private void openControl() {
        try {
            control = ControlServer.open(dataDir.controlSocket(), this::handle);
        } catch (UncheckedIOException e) {
            out.println("[platform] note: restart from another terminal is unavailable: " + e.getMessage()
                    + " (" + e.getCause().getMessage() + ")");
            return;
        }
        // The table writes the state under its own lock whenever a process changes; so does this.
        synchronized (processes) {
            writeState();
        }
    }

    private void handle(String request, PrintStream reply) {
        String[] words = request.split("\\s+");
        if (words.length != 2 || !words[0].equals("restart")) {
            throw new PlatformException("unknown request '" + request + "'; this launcher understands: restart <process>");
        }
        restart(words[1], reply);
    }

    private void refuseIfRunning() {
        PlatformState.read(dataDir).ifPresent(state -> {
            state.launcher().ifPresent(launcherProcess -> {
                throw new PlatformException("the platform already runs from " + dataDir.root() + " (launcher pid "
                        + launcherProcess.pid() + "); stop it with deploy/local/platform stop, or choose another "
                        + CommandLine.DATA_DIR);
            });
            List<ManagedProcess> left = state.aliveProcesses();
            if (!left.isEmpty()) {
                throw new PlatformException("processes of an earlier run are still alive ("
                        + left.stream().map(p -> p.name() + " pid " + p.pid()).collect(Collectors.joining(", "))
                        + "); stop them with deploy/local/platform stop");
            }
        });
    }

    private List<PortUse> portUses(List<Service> services) {
        List<PortUse> uses = new ArrayList<>();
        for (KafkaNode node : plan.nodes()) {
            if (node.isBroker()) {
                uses.add(new PortUse(node.brokerPort(), node.name(), CommandLine.BROKER_PORT));
            }
            if (node.isController()) {
                uses.add(new PortUse(node.controllerPort(), node.name() + " controller listener",
                        CommandLine.CONTROLLER_PORT));
            }
        }
        uses.add(new PortUse(config.ports().sink(), "the Slack sink", CommandLine.SINK_PORT));
        for (Service service : services) {
            uses.add(new PortUse(service.port(config.ports()), service.module(), switch (service) {
                case DOMAIN_USER -> CommandLine.USER_PORT;
                case DOMAIN_ORDER -> CommandLine.ORDER_PORT;
                case BRIDGE -> CommandLine.BRIDGE_PORT;
            }));
        }
        return uses;
    }

    private void startSink() {
        try {
            sinkLog = append(dataDir.log("slack-sink"));
            sinkRecord = append(dataDir.sinkRecord());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the sink's logs in " + dataDir.logs(), e);
        }
        sink = SlackSink.start(config.ports().sink(), message -> {
            if (echoSlack) {
                synchronized (out) {
                    out.println(message);
                }
            }
            sinkLog.println(message);
        }, received -> {
            // The record counts messages; an edit changes one already counted.
            if (!received.isEdit()) {
                synchronized (sinkRecord) {
                    sinkRecord.println(received.toJsonLine());
                }
            }
        });
        out.println("[platform] Slack sink listening on http://127.0.0.1:" + sink.port() + SlackSink.PATH
                + "<channel>, Web API on " + sink.apiUrl() + "/chat.postMessage and chat.update");
    }

    private static PrintStream append(Path file) throws IOException {
        return new PrintStream(Files.newOutputStream(file, StandardOpenOption.CREATE, StandardOpenOption.APPEND), true,
                StandardCharsets.UTF_8);
    }

    private void startServices(List<Service> services) {
        if (services.isEmpty()) {
            return;
        }
        WebhookTargets webhooks = WebhookTargets.resolve(env, sink::url);
        BridgeUsers users = BridgeUsers.resolve(dataDir);
        SlackSigningSecret signing = SlackSigningSecret.resolve(env, dataDir);
        webhookRoutes = webhooks.descriptions();
        bridgeUsers = users.description();
        users.created().ifPresent(passwords -> passwords.forEach((name, password) -> out.println(
                "[platform] bridge console user " + name + ", password " + password + " (shown once: note it)")));
        List<ManagedProcess> started = new ArrayList<>();
        for (Service service : services) {
            Map<String, String> serviceEnv = new HashMap<>();
            if (service == Service.BRIDGE) {
                serviceEnv.putAll(webhooks.bridgeEnv());
                serviceEnv.putAll(users.env());
                serviceEnv.putAll(signing.env());
            }
            ManagedProcess process = startService(service, serviceEnv);
            processes.add(process, () -> startService(service, serviceEnv));
            started.add(process);
        }
        out.println("[platform] started " + services.stream().map(Service::module).collect(Collectors.joining(", "))
                + "; waiting for their readiness checks");
        QuarkusApp.awaitReady(started, SERVICE_TIMEOUT, out);
    }

    private ManagedProcess startService(Service service, Map<String, String> serviceEnv) {
        return service.start(config.repoRoot(), dataDir, service.port(config.ports()), plan.bootstrapServers(), serviceEnv);
    }

    private KafkaNode node(String name) {
        return plan.nodes().stream().filter(n -> n.name().equals(name)).findFirst()
                .orElseThrow(() -> new PlatformException("no Kafka node named " + name));
    }

    /**
     * Starts a Kafka node of this platform again once its process has ended (a crash, or a kill -9 by a user or a
     * fault test), and returns the new process.
     */
    public ManagedProcess restartKafkaNode(String name) {
        node(name);
        return processes.startIfDown(name);
    }

    /**
     * {@code restart <process>}: stops a service or a Kafka node if it runs (SIGTERM, SIGKILL after a grace),
     * starts it again and waits until it is ready (a service) or listens (a Kafka node). Progress goes to
     * {@code reply}; a process that does not come up fails with the end of its log.
     */
    public ManagedProcess restart(String name, PrintStream reply) {
        ManagedProcess process = processes.restart(name, reply);
        if (process.role() == Role.SERVICE) {
            QuarkusApp.awaitReady(List.of(process), SERVICE_TIMEOUT, reply);
            out.println("[platform] " + name + " ready again on http://127.0.0.1:" + process.port());
            return process;
        }
        long start = System.nanoTime();
        long deadline = start + BROKERS_TIMEOUT.toNanos();
        while (!LocalPorts.isListening(process.port())) {
            if (!process.isAlive() || System.nanoTime() > deadline) {
                throw new PlatformException(name + (process.isAlive() ? " did not listen on " + process.port()
                        + " within " + BROKERS_TIMEOUT.toSeconds() + " s" : " exited while starting")
                        + "; the end of " + dataDir.log(name) + ":\n" + Logs.tail(dataDir.log(name), 20));
            }
            Logs.pause(Duration.ofMillis(250), "waiting for " + name);
        }
        reply.printf("%s listening on %d after %.1f s%n", name, process.port(), (System.nanoTime() - start) / 1e9);
        return process;
    }

    private void writeState() {
        ProcessHandle self = ProcessHandle.current();
        new PlatformState(
                self.pid(),
                self.info().startInstant().orElse(Instant.EPOCH),
                config.layout().label(),
                plan.bootstrapServers(),
                config.ports().sink(),
                Optional.ofNullable(control).map(ControlServer::path),
                processes.all().stream().map(p -> new PlatformState.Entry(p.name(), p.role(), p.pid(), p.startedAt(),
                        p.port(), p.log(), processes.restarts(p.name()))).toList())
                .write(dataDir);
    }

    /** Stops services, then brokers, then controllers; idempotent. Returns false if a process had to be killed. */
    public boolean stop() {
        List<ManagedProcess> running = processes.stop();
        if (control != null) {
            control.close();
        }
        boolean clean = new OrderedStop(STOP_GRACE, out).stop(running);
        if (sink != null) {
            sink.close();
            sinkLog.close();
            sinkRecord.close();
        }
        if (running.stream().noneMatch(ManagedProcess::isAlive)) {
            PlatformState.delete(dataDir);
        }
        return clean;
    }

    /** What a person needs once the platform is up: addresses, logs, and how to send a first event. */
    public String banner(Duration startTime) {
        StringBuilder text = new StringBuilder();
        long controllers = plan.nodes().stream().filter(n -> n.role() == Role.CONTROLLER).count();
        text.append(String.format("%n[platform] up in %.1f s%n", startTime.toMillis() / 1000.0));
        text.append("  kafka        ").append(plan.bootstrapServers()).append("  (")
                .append(controllers > 0 ? controllers + " controllers + " + plan.brokers().size() + " brokers"
                        : plan.nodes().size() + " combined nodes")
                .append(")\n");
        text.append("  slack sink   http://127.0.0.1:").append(sink.port()).append(SlackSink.PATH).append("{user,order}\n");
        for (ManagedProcess process : processes()) {
            if (process.role() == Role.SERVICE) {
                text.append(String.format("  %-12s http://127.0.0.1:%d%n", process.name(), process.port()));
            }
        }
        webhookRoutes.forEach(route -> text.append("  webhook      ").append(route).append('\n'));
        if (bridgeUsers != null) {
            text.append("  console      /console of the bridge; ").append(bridgeUsers).append('\n');
        }
        text.append("  logs         ").append(dataDir.logs()).append('\n');
        text.append('\n');
        if (config.services()) {
            text.append("Send a first event; the bridge's Slack message is printed here as [slack #user ...]:\n");
            text.append("  curl -s -XPOST localhost:").append(config.ports().user())
                    .append("/users -H 'content-type: application/json' -d '{\"email\":\"ada@example.com\",\"name\":\"Ada\"}'\n");
        } else {
            text.append("Run a service in dev mode against this cluster (from the repository root):\n");
            text.append("  ./mvnw -pl domain-user quarkus:dev -Dkafka.bootstrap.servers=")
                    .append(plan.bootstrapServers()).append('\n');
        }
        text.append("Status: deploy/local/platform status    Stop: Ctrl-C here, or deploy/local/platform stop\n");
        return text.toString();
    }
}
