package io.eventmonitoring.local;

import io.eventmonitoring.events.Topics;
import io.eventmonitoring.local.cluster.ClusterIdentity;
import io.eventmonitoring.local.cluster.KafkaRuntime;
import io.eventmonitoring.process.JavaCommand;
import io.eventmonitoring.process.ManagedProcess;
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
 * The launcher as a person runs it, in its own JVM through main(), in the combined layout: status from "another
 * terminal", a message through the sink, Ctrl-C (which a terminal sends to the whole foreground process group),
 * a restart on the same data, {@code restart} of one node and {@code stop} from another terminal.
 */
class CombinedLayoutTest {

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
    void runsThreeCombinedNodesStopsOnCtrlCAndKeepsTheDataForTheNextStart() throws Exception {
        Assumptions.assumeTrue(Files.isExecutable(SETSID),
                "skipped: " + SETSID + " is needed to give the launcher its own process group, as a terminal does");
        Ports ports = Ports.free();
        DataDir dataDir = new DataDir(temp.resolve("data"));

        Path firstOutput = temp.resolve("first.out");
        Process first = startLauncher(ports, dataDir, firstOutput);
        List<ManagedProcess> firstNodes = PlatformState.read(dataDir).orElseThrow().aliveProcesses();
        children.addAll(firstNodes);
        assertThat(firstNodes).extracting(ManagedProcess::name).containsExactly("node-1", "node-2", "node-3");
        String clusterId = ClusterIdentity.load(dataDir.root()).orElseThrow().clusterId();
        assertThat(Files.readString(firstOutput)).contains("formatting cluster " + clusterId);

        ByteArrayOutputStream status = new ByteArrayOutputStream();
        int statusExit = StatusView.print(dataDir, new PrintStream(status, true, StandardCharsets.UTF_8));
        assertThat(status.toString(StandardCharsets.UTF_8))
                .containsPattern("node-1 +combined +\\d+ +" + ports.broker() + " +0 +up")
                .containsPattern("slack-sink +sink +" + first.pid() + " +" + ports.sink() + " +- +up")
                .contains("controller quorum: leader")
                .containsPattern("bridge-silences +1 +3 +2 +compact +1/1");
        assertThat(statusExit).isEqualTo(StatusView.ALL_UP);

        RecordMetadata written;
        try (ClusterProbe probe = new ClusterProbe("127.0.0.1:" + ports.broker())) {
            assertThat(probe.brokerIds()).containsExactly(1, 2, 3);
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
        assertThat(Files.readString(firstOutput)).contains("stopped node-1, node-2, node-3");
        assertThat(PlatformState.read(dataDir)).isEmpty();
        ByteArrayOutputStream stoppedStatus = new ByteArrayOutputStream();
        assertThat(StatusView.print(dataDir, new PrintStream(stoppedStatus, true, StandardCharsets.UTF_8)))
                .isEqualTo(StatusView.NOT_RUNNING);
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
        int restartExit = RestartCommand.run(dataDir, "node-2", new PrintStream(restart, true, StandardCharsets.UTF_8));

        assertThat(restartExit).as(restart.toString(StandardCharsets.UTF_8)).isZero();
        assertThat(restart.toString(StandardCharsets.UTF_8)).contains("stopping node-2", "restarted node-2")
                .containsPattern("node-2 listening on " + (ports.broker() + 1) + " after");
        assertThat(secondNodes.get(1).isAlive()).isFalse();
        ManagedProcess restarted = PlatformState.read(dataDir).orElseThrow().aliveProcesses().get(1);
        children.add(restarted);
        assertThat(Files.readString(secondOutput)).contains("restarted node-2 (pid " + restarted.pid() + ", restarts: 1)");
        ByteArrayOutputStream restartedStatus = new ByteArrayOutputStream();
        StatusView.print(dataDir, new PrintStream(restartedStatus, true, StandardCharsets.UTF_8));
        assertThat(restartedStatus.toString(StandardCharsets.UTF_8))
                .containsPattern("node-2 +combined +" + restarted.pid() + " +" + (ports.broker() + 1) + " +1 +up");

        ByteArrayOutputStream stop = new ByteArrayOutputStream();
        int stopExit = StopCommand.run(dataDir, new PrintStream(stop, true, StandardCharsets.UTF_8));

        assertThat(stopExit).isZero();
        assertThat(second.isAlive()).isFalse();
        assertThat(secondNodes).hasSize(3).noneMatch(ManagedProcess::isAlive);
        assertThat(restarted.isAlive()).isFalse();
        assertThat(Files.readString(secondOutput)).contains("stopped node-1, node-2, node-3");
        assertThat(stop.toString(StandardCharsets.UTF_8)).contains("local platform: stopped");
    }

    /** Starts deploy/local/platform's Java side in a new session (its own process group) and waits until it is up. */
    private Process startLauncher(Ports ports, DataDir dataDir, Path output) throws IOException {
        Path target = KafkaRuntime.libDir().getParent();
        List<String> command = List.of(SETSID.toString(), JavaCommand.javaExecutable().toString(),
                "-cp", target.resolve("classes") + File.pathSeparator + target.resolve("lib").resolve("*"),
                LocalPlatform.class.getName(), "start", "--layout", "combined", "--no-services",
                "--data-dir", dataDir.root().toString(), "--repo-root", temp.toString(),
                "--broker-port", Integer.toString(ports.broker()),
                "--controller-port", Integer.toString(ports.controller()),
                "--sink-port", Integer.toString(ports.sink()));
        Process launcher = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile()).start();
        launchers.add(launcher);
        await().atMost(Duration.ofMinutes(2))
                .until(() -> !launcher.isAlive() || Files.readString(output).contains("[platform] up in"));
        assertThat(launcher.isAlive()).as(Files.readString(output)).isTrue();
        System.out.println("combined layout: " + Files.readString(output).lines()
                .filter(line -> line.contains("up in")).findFirst().orElseThrow().trim().replace("[platform] ", ""));
        return launcher;
    }

    /** SIGINT to the launcher's whole process group, as a terminal delivers Ctrl-C. */
    private static void ctrlC(long processGroup) throws IOException, InterruptedException {
        int exit = new ProcessBuilder("kill", "-INT", "--", "-" + processGroup).inheritIO().start().waitFor();
        assertThat(exit).isZero();
    }
}
