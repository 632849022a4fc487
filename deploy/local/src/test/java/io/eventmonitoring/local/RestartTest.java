package io.eventmonitoring.local;

import io.eventmonitoring.process.ManagedProcess;
import io.eventmonitoring.process.ProcessLauncher;
import io.eventmonitoring.process.Role;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code restart} as run from another terminal: it leaves a request for the launcher named in the state file. This
 * test's JVM stands in for the launcher, with a broker played by {@code sleep}.
 */
class RestartTest {

    @TempDir
    Path temp;

    private final List<ManagedProcess> started = new CopyOnWriteArrayList<>();
    private final ByteArrayOutputStream output = new ByteArrayOutputStream();
    private final PrintStream out = new PrintStream(output, true, StandardCharsets.UTF_8);
    private DataDir dataDir;
    private Processes table;

    @BeforeEach
    void launcher() {
        dataDir = new DataDir(temp);
        dataDir.create();
        table = new Processes(Processes.Backoff.SERVICES, Duration.ofSeconds(10),
                new PrintStream(OutputStream.nullOutputStream()), () -> state().write(dataDir));
    }

    @AfterEach
    void stop() {
        table.stop();
        started.forEach(p -> p.handle().destroyForcibly());
    }

    @Test
    void restartReachesTheRunningLauncherWhichRestartsTheBrokerAndCountsIt() {
        Supplier<ManagedProcess> broker = () -> {
            ManagedProcess process = ProcessLauncher.launch("broker-4", Role.BROKER, 0, List.of("sleep", "60"),
                    temp, dataDir.log("broker-4"), Map.of());
            started.add(process);
            return process;
        };
        ManagedProcess first = broker.get();
        table.add(first, broker);
        table.every(Requests.POLL, () -> Requests.serve(dataDir.requests(), Instant.EPOCH, table::restart));

        int exit = LocalPlatform.restart(dataDir, "broker-4", out);

        ManagedProcess second = table.all().get(0);
        assertThat(exit).isZero();
        assertThat(first.isAlive()).isFalse();
        assertThat(output.toString(StandardCharsets.UTF_8)).isEqualTo("stopping broker-4 (pid " + first.pid() + ")\n"
                + "restarted broker-4 (pid " + second.pid() + ", restarts: 1)\n");
        assertThat(PlatformState.read(dataDir).orElseThrow().processes())
                .singleElement().satisfies(entry -> {
                    assertThat(entry.pid()).isEqualTo(second.pid());
                    assertThat(entry.restarts()).isEqualTo(1);
                });

        output.reset();
        assertThat(LocalPlatform.restart(dataDir, "broker-9", out)).isEqualTo(1);
        assertThat(output.toString(StandardCharsets.UTF_8)).isEqualTo("no process named 'broker-9'; known: broker-4\n");
    }

    @Test
    void withoutALauncherRestartSaysSo() {
        assertThat(LocalPlatform.restart(dataDir, "bridge", out)).isEqualTo(LocalPlatform.NOT_RUNNING);
        assertThat(output.toString(StandardCharsets.UTF_8)).startsWith("local platform: not running from " + temp);
    }

    private PlatformState state() {
        ProcessHandle self = ProcessHandle.current();
        return new PlatformState(self.pid(), self.info().startInstant().orElse(Instant.EPOCH), "127.0.0.1:1", 1,
                table.all().stream().map(p -> new PlatformState.Entry(p.name(), p.role(), p.pid(), p.startedAt(),
                        p.port(), p.log(), table.restarts(p.name()))).toList());
    }
}
