package io.eventmonitoring.local;

import io.eventmonitoring.local.cluster.ClusterIdentity;
import io.eventmonitoring.local.cluster.KafkaCluster;
import io.eventmonitoring.local.cluster.TopicSetup;
import io.eventmonitoring.local.cluster.TopicSetup.TopicStatus;
import io.eventmonitoring.events.TopicContract;
import io.eventmonitoring.process.LocalPorts;
import io.eventmonitoring.process.ManagedProcess;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.QuorumInfo;

import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * {@code status}: every process (role, pid, port, restarts, up or down), the controller quorum and the topics.
 */
public final class StatusView {

    /** Exit code when every process is up. */
    public static final int ALL_UP = 0;
    /** Exit code when the platform runs but a process is down or a topic is missing. */
    public static final int DEGRADED = 1;
    /** Exit code when no platform runs from the data folder (as {@code systemctl status} does). */
    public static final int NOT_RUNNING = 3;

    private static final Duration ADMIN_TIMEOUT = Duration.ofSeconds(5);

    private StatusView() {
    }

    public static int print(DataDir dataDir, PrintStream out) {
        Optional<PlatformState> found = PlatformState.read(dataDir);
        Optional<ClusterIdentity> identity = ClusterIdentity.load(dataDir.root());
        String cluster = identity.map(id -> "cluster " + id.clusterId() + ", " + id.layout().label() + " layout")
                .orElse("no cluster formatted yet");
        if (found.isEmpty() || found.get().launcher().isEmpty() && found.get().aliveProcesses().isEmpty()) {
            out.println("local platform: not running (" + cluster + ", data in " + dataDir.root() + ")");
            return NOT_RUNNING;
        }
        PlatformState state = found.get();
        Optional<ProcessHandle> launcher = state.launcher();
        out.println("local platform: " + launcher.map(h -> "running, launcher pid " + h.pid() + ", up "
                        + uptime(state.launcherStartedAt()))
                .orElse("launcher gone (pid " + state.launcherPid() + "); stop the processes left with "
                        + "deploy/local/platform stop")
                + " (" + cluster + ", data in " + dataDir.root() + ")");
        out.println();
        Map<Long, ManagedProcess> alive = state.aliveProcesses().stream()
                .collect(Collectors.toMap(ManagedProcess::pid, Function.identity()));
        boolean allUp = launcher.isPresent();
        out.printf("%-14s %-11s %-8s %-6s %-9s %s%n", "PROCESS", "ROLE", "PID", "PORT", "RESTARTS", "STATE");
        for (PlatformState.Entry entry : state.processes()) {
            String up = !alive.containsKey(entry.pid()) ? "down"
                    : LocalPorts.isListening(entry.port()) ? "up" : "starting (port closed)";
            allUp &= "up".equals(up);
            out.printf("%-14s %-11s %-8d %-6d %-9d %s%n", entry.name(), entry.role().label(), entry.pid(), entry.port(),
                    entry.restarts(), up);
        }
        String sinkState = launcher.isPresent() && LocalPorts.isListening(state.sinkPort()) ? "up" : "down";
        allUp &= "up".equals(sinkState);
        out.printf("%-14s %-11s %-8d %-6d %-9s %s%n", "slack-sink", "sink", state.launcherPid(), state.sinkPort(), "-",
                sinkState);
        out.println();
        allUp &= printKafka(state.bootstrapServers(), out);
        return allUp ? ALL_UP : DEGRADED;
    }

    private static boolean printKafka(String bootstrapServers, PrintStream out) {
        try (Admin admin = KafkaCluster.admin(bootstrapServers)) {
            QuorumInfo quorum = admin.describeMetadataQuorum().quorumInfo()
                    .get(ADMIN_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            out.println("controller quorum: leader " + quorum.leaderId() + ", voters "
                    + quorum.voters().stream().map(v -> Integer.toString(v.replicaId())).collect(Collectors.joining(", ")));
            List<String> names = TopicContract.TOPICS.stream().map(TopicContract.Topic::name).toList();
            List<TopicStatus> topics = new TopicSetup(admin).describe(names, ADMIN_TIMEOUT);
            out.printf("%-21s %-10s %-3s %-7s %-8s %s%n", "TOPIC", "PARTITIONS", "RF", "MIN.ISR", "CLEANUP", "LEADERS");
            for (TopicStatus topic : topics) {
                out.printf("%-21s %-10d %-3d %-7s %-8s %d/%d%n", topic.name(), topic.partitions(),
                        topic.replicationFactor(), topic.minInsyncReplicas(), topic.cleanupPolicy(),
                        topic.partitionsWithLeader(), topic.partitions());
            }
            List<String> missing = names.stream()
                    .filter(name -> topics.stream().noneMatch(t -> t.name().equals(name))).toList();
            if (!missing.isEmpty()) {
                out.println("missing topics: " + String.join(", ", missing));
            }
            return missing.isEmpty()
                    && topics.stream().allMatch(t -> t.partitionsWithLeader() == t.partitions());
        } catch (ExecutionException | TimeoutException e) {
            out.println("kafka: not reachable at " + bootstrapServers + " within " + ADMIN_TIMEOUT.toSeconds() + " s");
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static String uptime(Instant since) {
        Duration up = Duration.between(since, Instant.now());
        return up.toHours() > 0 ? up.toHours() + "h" + up.toMinutesPart() + "m"
                : up.toMinutes() + "m" + up.toSecondsPart() + "s";
    }
}
