package io.eventmonitoring.local;

import io.eventmonitoring.events.TopicContract;
import io.eventmonitoring.process.LocalPorts;
import io.eventmonitoring.process.ManagedProcess;
import io.eventmonitoring.process.OrderedStop;
import io.eventmonitoring.process.ProcessException;
import io.eventmonitoring.process.kafka.KafkaCluster;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.QuorumInfo;

import java.io.IOException;
import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * Entry point of deploy/local/platform: {@code start} runs in the foreground until Ctrl-C (or {@code stop} from
 * another terminal); {@code status}, {@code stop} and {@code restart} act on the platform running from the same data
 * folder, through its state file and its requests folder.
 */
public final class LocalPlatform {

    /** Exit codes of {@code status}: every process up, something down, no platform running (as systemctl has it). */
    public static final int ALL_UP = 0;
    public static final int DEGRADED = 1;
    public static final int NOT_RUNNING = 3;

    private LocalPlatform() {
    }

    public static void main(String[] args) {
        int exit;
        try {
            exit = run(CommandLine.parse(List.of(args), System.getenv()), System.out);
        } catch (ProcessException e) {
            System.err.println("local platform: " + e.getMessage());
            exit = 2;
        }
        System.exit(exit);
    }

    static int run(CommandLine line, PrintStream out) {
        if (line.command().equals("help") || line.command().equals("chaos")) {
            out.print(CommandLine.USAGE);
            return 0;
        }
        DataDir dataDir = line.dataDir();
        dataDir.create();
        KafkaCluster.logClientsTo(dataDir.root(), dataDir.log(line.command().equals("start") ? "launcher" : "cli"));
        return switch (line.command()) {
            case "start" -> start(new Platform(new Platform.Config(line.repoRoot(), dataDir, line.ports(),
                    line.services()), System.getenv(), out));
            case "stop" -> stop(dataDir, out);
            case "status" -> status(dataDir, out);
            default -> restart(dataDir, line.words().get(0), out);
        };
    }

    private static int start(Platform platform) {
        // Ctrl-C, a closed terminal and `stop` (SIGTERM) all end here, at any moment of the start.
        Runtime.getRuntime().addShutdownHook(new Thread(platform::stop, "local-platform-stop"));
        try {
            System.out.println(platform.banner(platform.start()));
            new CountDownLatch(1).await();
        } catch (ProcessException e) {
            if (!platform.isStopping()) {
                System.err.println("local platform: " + e.getMessage());
            }
            return 1;
        } catch (RuntimeException e) {
            e.printStackTrace();
            return 1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return 0;
    }

    /** SIGTERM to the launcher, which stops its children in order; if it is gone, the processes it left, here. */
    static int stop(DataDir dataDir, PrintStream out) {
        Optional<PlatformState> state = PlatformState.read(dataDir);
        if (state.isEmpty()) {
            out.println("local platform: not running (no platform.state in " + dataDir.root() + ")");
            return 0;
        }
        Optional<ProcessHandle> launcher = state.get().launcher();
        if (launcher.isPresent()) {
            long pid = launcher.get().pid();
            out.println("stopping the local platform (launcher pid " + pid + "); its terminal shows each step");
            long start = System.nanoTime();
            launcher.get().destroy();
            if (launcher.get().onExit().completeOnTimeout(null, 4, TimeUnit.MINUTES).join() == null) {
                throw new ProcessException("the launcher (pid " + pid + ") did not stop within 4 min; kill it with "
                        + "kill -9 " + pid + " and run stop again");
            }
            out.printf("launcher stopped in %.1f s%n", (System.nanoTime() - start) / 1e9);
        }
        List<ManagedProcess> left = state.get().aliveProcesses();
        if (!left.isEmpty()) {
            out.println("stopping processes the launcher left behind");
        }
        boolean clean = new OrderedStop(Duration.ofMinutes(1), out).stop(left);
        PlatformState.delete(dataDir);
        out.println("local platform: stopped");
        return clean ? 0 : 1;
    }

    /** Every process (role, pid, port, restarts, up or down), the controller quorum and the topics. */
    static int status(DataDir dataDir, PrintStream out) {
        PlatformState state = PlatformState.read(dataDir).orElse(null);
        if (state == null || state.launcher().isEmpty() && state.aliveProcesses().isEmpty()) {
            out.println("local platform: not running (data in " + dataDir.root() + ")");
            return NOT_RUNNING;
        }
        boolean allUp = state.launcher().isPresent();
        Duration up = Duration.between(state.launcherStartedAt(), Instant.now());
        out.println("local platform: " + (allUp ? "running, launcher pid " + state.launcherPid() + ", up "
                + up.toMinutes() + "m" + up.toSecondsPart() + "s" : "launcher gone (pid " + state.launcherPid()
                + "); stop the processes left with deploy/local/platform stop") + " (data in " + dataDir.root() + ")\n");
        String row = "%-14s %-11s %-8s %-6s %-9s %s%n";
        out.printf(row, "PROCESS", "ROLE", "PID", "PORT", "RESTARTS", "STATE");
        for (PlatformState.Entry entry : state.processes()) {
            String shown = entry.alive().isEmpty() ? "down"
                    : LocalPorts.isListening(entry.port()) ? "up" : "starting (port closed)";
            allUp &= shown.equals("up");
            out.printf(row, entry.name(), entry.role().label(), entry.pid(), entry.port(), entry.restarts(), shown);
        }
        boolean sinkUp = state.launcher().isPresent() && LocalPorts.isListening(state.sinkPort());
        out.printf(row + "%n", "slack-sink", "sink", state.launcherPid(), state.sinkPort(), "-", sinkUp ? "up" : "down");
        return allUp && sinkUp && kafkaStatus(state.bootstrapServers(), out) ? ALL_UP : DEGRADED;
    }

    /** The quorum, and whether the contract's topics exist with a leader for every partition. */
    private static boolean kafkaStatus(String bootstrapServers, PrintStream out) {
        List<String> names = TopicContract.TOPICS.stream().map(TopicContract.Topic::name).toList();
        try (Admin admin = KafkaCluster.admin(bootstrapServers)) {
            QuorumInfo quorum = KafkaCluster.await(admin.describeMetadataQuorum().quorumInfo(), 5, "the quorum");
            out.println("controller quorum: leader " + quorum.leaderId() + ", voters " + quorum.voters().stream()
                    .map(v -> Integer.toString(v.replicaId())).collect(Collectors.joining(", ")));
            Set<String> existing = KafkaCluster.await(admin.listTopics().names(), 5, "the topics");
            List<String> missing = names.stream().filter(name -> !existing.contains(name)).toList();
            List<String> leaderless = KafkaCluster.await(admin.describeTopics(names.stream().filter(existing::contains)
                    .toList()).allTopicNames(), 5, "the topics").values().stream().flatMap(t -> t.partitions().stream()
                    .filter(p -> p.leader() == null || p.leader().isEmpty()).map(p -> t.name() + "-" + p.partition()))
                    .toList();
            out.println("topics: " + (names.size() - missing.size()) + " of the contract's " + names.size()
                    + (missing.isEmpty() ? "" : ", missing " + String.join(", ", missing))
                    + (leaderless.isEmpty() ? ", every partition led" : ", no leader for " + String.join(", ", leaderless)));
            return missing.isEmpty() && leaderless.isEmpty();
        } catch (RuntimeException e) {
            out.println("kafka: not reachable at " + bootstrapServers + " within 5 s");
            return false;
        }
    }

    /** Asks the running launcher, through a request in the data folder, to restart one of its processes. */
    static int restart(DataDir dataDir, String process, PrintStream out) {
        Optional<ProcessHandle> launcher = PlatformState.read(dataDir).flatMap(PlatformState::launcher);
        if (launcher.isEmpty()) {
            out.println("local platform: not running from " + dataDir.root() + "; restart needs a running launcher");
            return NOT_RUNNING;
        }
        try {
            return Requests.send(dataDir.requests(), process, out, launcher.get()::isAlive) ? 0 : 1;
        } catch (IOException e) {
            throw new ProcessException("no answer from the launcher (pid " + launcher.get().pid() + "): "
                    + e.getMessage(), e);
        }
    }
}
