package io.eventmonitoring.local;

import io.eventmonitoring.process.Role;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code stop} from another terminal, with plain processes standing in for the launcher and the Kafka JVMs. */
class StopTest {

    @TempDir
    Path temp;

    private final List<Process> started = new ArrayList<>();

    @AfterEach
    void cleanUp() {
        started.forEach(Process::destroyForcibly);
    }

    @Test
    void stopsTheLauncherThenWhatItLeftBrokersBeforeControllers() throws Exception {
        DataDir dataDir = new DataDir(temp);
        dataDir.create();
        Process launcher = sleeper();
        Process controller = sleeper();
        Process broker = sleeper();
        new PlatformState(launcher.pid(), startOf(launcher), "127.0.0.1:1", 1, List.of(
                entry("controller-1", Role.CONTROLLER, controller),
                entry("broker-4", Role.BROKER, broker))).write(dataDir);
        ByteArrayOutputStream output = new ByteArrayOutputStream();

        int exit = LocalPlatform.stop(dataDir, new PrintStream(output, true, StandardCharsets.UTF_8));

        String printed = output.toString(StandardCharsets.UTF_8);
        assertThat(exit).isZero();
        assertThat(List.of(launcher, controller, broker)).noneMatch(Process::isAlive);
        assertThat(printed).contains("stopping the local platform (launcher pid " + launcher.pid() + ")");
        assertThat(printed.indexOf("stopping broker-4")).isPositive()
                .isLessThan(printed.indexOf("stopping controller-1"));
        assertThat(PlatformState.read(dataDir)).isEmpty();
    }

    @Test
    void notRunningIsSaidPlainly() {
        ByteArrayOutputStream output = new ByteArrayOutputStream();

        int exit = LocalPlatform.stop(new DataDir(temp), new PrintStream(output, true, StandardCharsets.UTF_8));

        assertThat(exit).isZero();
        assertThat(output.toString(StandardCharsets.UTF_8)).startsWith("local platform: not running");
    }

    private Process sleeper() throws IOException {
        Process process = new ProcessBuilder("sleep", "60").start();
        started.add(process);
        return process;
    }

    private static Instant startOf(Process process) {
        return process.info().startInstant().orElseThrow();
    }

    private PlatformState.Entry entry(String name, Role role, Process process) {
        return new PlatformState.Entry(name, role, process.pid(), startOf(process), 1, temp.resolve(name + ".log"),
                0);
    }
}
