package io.eventmonitoring.local;

import io.eventmonitoring.events.TopicContract;
import io.eventmonitoring.events.Topics;
import io.eventmonitoring.process.JavaCommand;
import io.eventmonitoring.process.ManagedProcess;
import io.eventmonitoring.process.kafka.KafkaCluster;
import org.apache.kafka.clients.admin.QuorumInfo;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The launcher as a person runs it, in its own JVM through main(), with its six Kafka JVMs forked from this module's
 * jars: status from "another terminal", a message through the sink, Ctrl-C (which a terminal sends to the whole
 * foreground process group), a restart on the same data, {@code restart} of one broker and {@code stop} from another
 * terminal.
 */
class LauncherTest {

    private static final Path SETSID = Path.of("/usr/bin/setsid");

    @TempDir
    Path temp;

    private final List<Process> launchers = new ArrayList<>();
    private final List<ManagedProcess> children = new ArrayList<>();

    @AfterEach
    void cleanUp() {
        children.forEach(child -> child.handle().destroyForcibly());
        launchers.forEach(Process::destroyForcibly);
    }

    @Test
    void runsTheClusterStopsBrokersBeforeControllersOnCtrlCAndKeepsTheDataForTheNextStart() throws Exception {
        Assumptions.assumeTrue(Files.isExecutable(SETSID),
                "skipped: " + SETSID + " is needed to give the launcher its own process group, as a terminal does");
        Ports ports = Ports.free();
        DataDir dataDir = new DataDir(temp.resolve("data"));

        Path firstOutput = temp.resolve("first.out");
        Process first = startLauncher(ports, dataDir, firstOutput);
        List<ManagedProcess> firstNodes = PlatformState.read(dataDir).orElseThrow().aliveProcesses();
        children.addAll(firstNodes);
        assertThat(firstNodes).extracting(ManagedProcess::name).containsExactly(
                "controller-1", "controller-2", "controller-3", "broker-4", "broker-5", "broker-6");
        String clusterId = new KafkaCluster(dataDir.root(), ports.broker(), ports.controller(), Platform.kafkaLib()).clusterId().orElseThrow();
        assertThat(Files.readString(firstOutput)).contains("formatting cluster " + clusterId);

        ByteArrayOutputStream status = new ByteArrayOutputStream();
        int statusExit = LocalPlatform.status(dataDir, new PrintStream(status, true, StandardCharsets.UTF_8));
        assertThat(status.toString(StandardCharsets.UTF_8))
                .containsPattern("broker-4 +broker +\\d+ +" + ports.broker() + " +0 +up")
                .containsPattern("controller-1 +controller +\\d+ +" + ports.controller() + " +0 +up")
                .containsPattern("slack-sink +sink +" + first.pid() + " +" + ports.sink() + " +- +up")
                .contains("controller quorum: leader")
                .contains("topics: " + TopicContract.TOPICS.size() + " of the contract's " + TopicContract.TOPICS.size()
                        + ", every partition led");
        assertThat(statusExit).isEqualTo(LocalPlatform.ALL_UP);

        RecordMetadata written;
        try (ClusterProbe probe = new ClusterProbe("127.0.0.1:" + ports.broker())) {
            assertThat(probe.brokerIds()).containsExactly(4, 5, 6);
            assertThat(probe.clusterId()).isEqualTo(clusterId);
            assertThat(probe.quorum().voters()).extracting(QuorumInfo.ReplicaState::replicaId)
                    .containsExactlyInAnyOrder(1, 2, 3);
            probe.assertContractTopics();
            written = probe.produce(Topics.BUSINESS_EVENTS, "order:1001", "{\"type\":\"order.created\"}");
        }

        HttpResponse<String> posted = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + ports.sink() + "/services/order"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"text\":\"Order 1001 created\"}")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(posted.body()).isEqualTo("ok");
        await().atMost(Duration.ofSeconds(5)).until(() -> Files.readString(firstOutput).contains("] Order 1001 created"));
        assertThat(Files.readString(dataDir.log("slack-sink"))).contains("] Order 1001 created");

        ctrlC(first.pid());

        assertThat(first.waitFor(2, TimeUnit.MINUTES)).as("launcher ended on Ctrl-C").isTrue();
        assertThat(firstNodes).noneMatch(ManagedProcess::isAlive);
        String stopped = Files.readString(firstOutput);
        assertThat(stopped.indexOf("stopped broker-4, broker-5, broker-6")).as(stopped).isPositive()
                .isLessThan(stopped.indexOf("stopping controller-1, controller-2, controller-3"));
        assertThat(PlatformState.read(dataDir)).isEmpty();
        ByteArrayOutputStream stoppedStatus = new ByteArrayOutputStream();
        assertThat(LocalPlatform.status(dataDir, new PrintStream(stoppedStatus, true, StandardCharsets.UTF_8)))
                .isEqualTo(LocalPlatform.NOT_RUNNING);
        assertThat(stoppedStatus.toString(StandardCharsets.UTF_8)).startsWith("local platform: not running");

        Path secondOutput = temp.resolve("second.out");
        Process second = startLauncher(ports, dataDir, secondOutput);
        List<ManagedProcess> secondNodes = PlatformState.read(dataDir).orElseThrow().aliveProcesses();
        children.addAll(secondNodes);
        assertThat(Files.readString(secondOutput)).contains("starting cluster " + clusterId).contains("topics present");
        try (ClusterProbe probe = new ClusterProbe("127.0.0.1:" + ports.broker())) {
            assertThat(probe.clusterId()).isEqualTo(clusterId);
            assertThat(probe.consume(new TopicPartition(Topics.BUSINESS_EVENTS, written.partition()), "order:1001")
                    .offset()).isEqualTo(written.offset());
        }

        ByteArrayOutputStream restart = new ByteArrayOutputStream();
        int restartExit = LocalPlatform.restart(dataDir, "broker-5", new PrintStream(restart, true, StandardCharsets.UTF_8));

        assertThat(restartExit).as(restart.toString(StandardCharsets.UTF_8)).isZero();
        assertThat(restart.toString(StandardCharsets.UTF_8)).contains("stopping broker-5", "restarted broker-5")
                .contains("broker-5 is up again on port " + (ports.broker() + 1));
        assertThat(secondNodes.get(4).isAlive()).isFalse();
        ManagedProcess restarted = PlatformState.read(dataDir).orElseThrow().aliveProcesses().get(4);
        children.add(restarted);
        assertThat(Files.readString(secondOutput)).contains("restarted broker-5 (pid " + restarted.pid() + ", restarts: 1)");
        ByteArrayOutputStream restartedStatus = new ByteArrayOutputStream();
        LocalPlatform.status(dataDir, new PrintStream(restartedStatus, true, StandardCharsets.UTF_8));
        assertThat(restartedStatus.toString(StandardCharsets.UTF_8))
                .containsPattern("broker-5 +broker +" + restarted.pid() + " +" + (ports.broker() + 1) + " +1 +up");

        ByteArrayOutputStream stop = new ByteArrayOutputStream();
        int stopExit = LocalPlatform.stop(dataDir, new PrintStream(stop, true, StandardCharsets.UTF_8));

        assertThat(stopExit).isZero();
        assertThat(second.isAlive()).isFalse();
        assertThat(secondNodes).hasSize(6).noneMatch(ManagedProcess::isAlive);
        assertThat(restarted.isAlive()).isFalse();
        assertThat(Files.readString(secondOutput)).contains("stopped controller-1, controller-2, controller-3");
        assertThat(stop.toString(StandardCharsets.UTF_8)).contains("local platform: stopped");
    }

    /** Starts deploy/local/platform's Java side in a new session (its own process group) and waits until it is up. */
    private Process startLauncher(Ports ports, DataDir dataDir, Path output) throws Exception {
        Path target = Path.of(LocalPlatform.class.getProtectionDomain().getCodeSource().getLocation().toURI()).getParent();
        List<String> command = List.of(SETSID.toString(), JavaCommand.javaExecutable().toString(),
                "-cp", target.resolve("classes") + File.pathSeparator + target.resolve("lib").resolve("*"),
                LocalPlatform.class.getName(), "start", "--no-services",
                "--data-dir", dataDir.root().toString(), "--repo-root", temp.toString(),
                "--broker-port", Integer.toString(ports.broker()),
                "--controller-port", Integer.toString(ports.controller()),
                "--sink-port", Integer.toString(ports.sink()));
        Process launcher = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile()).start();
        launchers.add(launcher);
        await().atMost(Duration.ofMinutes(2))
                .until(() -> !launcher.isAlive() || Files.readString(output).contains("[platform] up in"));
        assertThat(launcher.isAlive()).as(Files.readString(output)).isTrue();
        System.out.println("launcher: " + Files.readString(output).lines()
                .filter(line -> line.contains("up in")).findFirst().orElseThrow().trim().replace("[platform] ", ""));
        return launcher;
    }

    /** SIGINT to the launcher's whole process group, as a terminal delivers Ctrl-C. */
    private static void ctrlC(long processGroup) throws IOException, InterruptedException {
        int exit = new ProcessBuilder("kill", "-INT", "--", "-" + processGroup).inheritIO().start().waitFor();
        assertThat(exit).isZero();
    }
}
