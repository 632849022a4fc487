package io.eventmonitoring.local;

import io.eventmonitoring.process.FakeServiceJar;
import io.eventmonitoring.process.ManagedProcess;
import io.eventmonitoring.process.ProcessException;
import io.eventmonitoring.process.ProcessLauncher;
import io.eventmonitoring.process.QuarkusApp;
import io.eventmonitoring.process.Role;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/** Supervision and restarts on real processes: a stand-in service jar, and {@code sleep} standing in for a broker. */
class ProcessesTest {

    private static final Processes.Backoff QUICK = new Processes.Backoff(Duration.ofMillis(100), Duration.ofSeconds(1), Duration.ofMinutes(1));

    @TempDir
    Path repoRoot;

    private final ByteArrayOutputStream output = new ByteArrayOutputStream();
    private final PrintStream out = new PrintStream(output, true, StandardCharsets.UTF_8);
    private final List<ManagedProcess> started = new CopyOnWriteArrayList<>();
    private final AtomicInteger stateWrites = new AtomicInteger();
    private DataDir dataDir;
    private Processes table;

    @BeforeEach
    void table() {
        dataDir = new DataDir(repoRoot.resolve("data"));
        table = new Processes(QUICK, Duration.ofSeconds(10), out, stateWrites::incrementAndGet);
    }

    @AfterEach
    void stop() {
        table.stop();
        started.forEach(p -> p.handle().destroyForcibly());
    }

    @Test
    void thePauseDoublesWithEachExitInARowUpToTheMax() {
        assertThat(IntStream.range(0, 8).mapToObj(Processes.Backoff.SERVICES::delay).map(Duration::toSeconds))
                .containsExactly(1L, 2L, 4L, 8L, 16L, 30L, 30L, 30L);
        assertThat(Processes.Backoff.SERVICES.delay(Integer.MAX_VALUE)).isEqualTo(Duration.ofSeconds(30));
    }

    @Test
    void aServiceKilledWithSigkillIsRestartedAfterTheBackoffAndCounted() throws Exception {
        FakeServiceJar.write("domain-user", repoRoot);
        int port = Ports.free().user();
        Supplier<ManagedProcess> starter = track(() -> QuarkusApp.start(repoRoot, "domain-user", port, List.of(),
                Map.of("kafka.bootstrap.servers", "127.0.0.1:1"), Map.of(), dataDir.log("domain-user")));
        ManagedProcess first = starter.get();
        table.add(first, starter);
        QuarkusApp.awaitReady(List.of(first), Duration.ofSeconds(30), out);
        table.supervise();

        first.handle().destroyForcibly();

        await().atMost(Duration.ofSeconds(30)).until(() -> table.restarts("domain-user") == 1);
        ManagedProcess second = table.all().get(0);
        assertThat(second.pid()).isNotEqualTo(first.pid());
        QuarkusApp.awaitReady(List.of(second), Duration.ofSeconds(30), out);
        assertThat(output.toString(StandardCharsets.UTF_8))
                .contains("[platform] domain-user exited unexpectedly (exit 137); see " + first.log()
                        + "; restart 1 in 100 ms")
                .contains("[platform] restarted domain-user (pid " + second.pid() + ", restarts: 1)");
        assertThat(stateWrites).hasValue(2);
    }

    @Test
    void aBrokerThatExitsIsLeftDownWithAHintAndStartedAgainOnlyWhenAsked() {
        AtomicInteger starts = new AtomicInteger();
        Supplier<ManagedProcess> starter = track(() -> {
            starts.incrementAndGet();
            return sleeper("broker-4", Role.BROKER);
        });
        ManagedProcess first = starter.get();
        table.add(first, starter);
        table.supervise();

        first.handle().destroyForcibly();

        await().atMost(Duration.ofSeconds(10)).until(() -> output.toString(StandardCharsets.UTF_8)
                .contains("broker-4 exited unexpectedly"));
        assertThat(output.toString(StandardCharsets.UTF_8)).contains("Kafka nodes are not restarted on their own; "
                + "to start it again: deploy/local/platform restart broker-4");
        assertThat(starts).hasValue(1);
        ManagedProcess second = table.restart("broker-4", out);
        assertThat(second.isAlive()).isTrue();
        assertThat(table.restarts("broker-4")).isEqualTo(1);
        assertThat(output.toString(StandardCharsets.UTF_8)).doesNotContain("stopping broker-4");
    }

    @Test
    void restartStopsARunningProcessStartsItAgainAndTheSupervisorLeavesItAlone() {
        AtomicInteger starts = new AtomicInteger();
        Supplier<ManagedProcess> starter = track(() -> {
            starts.incrementAndGet();
            return sleeper("bridge", Role.SERVICE);
        });
        ManagedProcess first = starter.get();
        table.add(first, starter);
        table.supervise();
        ByteArrayOutputStream reply = new ByteArrayOutputStream();

        ManagedProcess second = table.restart("bridge", new PrintStream(reply, true, StandardCharsets.UTF_8));

        assertThat(first.isAlive()).isFalse();
        assertThat(second.isAlive()).isTrue();
        assertThat(table.all()).containsExactly(second);
        assertThat(reply.toString(StandardCharsets.UTF_8)).isEqualTo("stopping bridge (pid " + first.pid() + ")\n"
                + "restarted bridge (pid " + second.pid() + ", restarts: 1)\n");
        assertThat(output.toString(StandardCharsets.UTF_8)).doesNotContain("exited unexpectedly");
        await().during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(2)).until(() -> starts.get() == 2);
    }

    @Test
    void anUnknownNameIsRefusedNamingTheKnownOnesAndNothingRestartsOnceStopping() {
        AtomicInteger starts = new AtomicInteger();
        Supplier<ManagedProcess> broker = track(() -> sleeper("broker-4", Role.BROKER));
        Supplier<ManagedProcess> service = track(() -> {
            starts.incrementAndGet();
            return sleeper("bridge", Role.SERVICE);
        });
        table.add(broker.get(), broker);
        ManagedProcess bridge = service.get();
        table.add(bridge, service);
        table.supervise();

        assertThatThrownBy(() -> table.restart("broker-9", out))
                .isInstanceOf(ProcessException.class)
                .hasMessage("no process named 'broker-9'; known: broker-4, bridge");

        table.stop();
        bridge.handle().destroyForcibly();
        assertThatThrownBy(() -> table.restart("bridge", out)).hasMessage("the platform is stopping");
        await().during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(2)).until(() -> starts.get() == 1);
        assertThat(output.toString(StandardCharsets.UTF_8)).doesNotContain("exited unexpectedly");
    }

    private Supplier<ManagedProcess> track(Supplier<ManagedProcess> starter) {
        return () -> {
            ManagedProcess process = starter.get();
            started.add(process);
            return process;
        };
    }

    private ManagedProcess sleeper(String name, Role role) {
        return ProcessLauncher.launch(name, role, 0, List.of("sleep", "60"), repoRoot, dataDir.log(name), Map.of());
    }
}
