package io.eventmonitoring.process;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class ProcessLauncherTest {

    @TempDir
    Path temp;

    @Test
    void childIgnoresCtrlCSoOnlyTheLauncherDecidesTheStopOrder() throws Exception {
        ManagedProcess child = ProcessLauncher.launch("sleeper", Role.BROKER, 0, List.of("sleep", "60"), temp,
                temp.resolve("sleeper.log"), Map.of());
        try {
            int kill = new ProcessBuilder("kill", "-INT", Long.toString(child.pid())).start().waitFor();
            assertThat(kill).isZero();
            // A process that does not ignore SIGINT ends at once; give it time to, then check it did not.
            await().during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(2)).until(child::isAlive);

            child.handle().destroy();

            await().atMost(Duration.ofSeconds(5)).until(() -> !child.isAlive());
            assertThat(child.exited()).isCompleted();
        } finally {
            child.handle().destroyForcibly();
        }
    }

    @Test
    void secretsReachOnlyTheProcessThatIsGivenThem() throws Exception {
        Path withSecret = temp.resolve("with.log");
        Path without = temp.resolve("without.log");
        List<String> printEnv = List.of("sh", "-c", "echo \"user=${SLACK_WEBHOOK_USER:-unset}\"");

        int first = ProcessLauncher.run("with", printEnv, temp, withSecret, Duration.ofSeconds(10));
        ManagedProcess second = ProcessLauncher.launch("given", Role.SERVICE, 0, printEnv, temp, without,
                Map.of("SLACK_WEBHOOK_USER", "http://127.0.0.1:1/services/user"));
        await().atMost(Duration.ofSeconds(10)).until(() -> !second.isAlive());

        assertThat(first).isZero();
        assertThat(Files.readString(withSecret).trim()).isEqualTo("user=unset");
        assertThat(Files.readString(without).trim()).isEqualTo("user=http://127.0.0.1:1/services/user");
    }

    @Test
    void logTailShowsTheLastLines() throws Exception {
        Path log = temp.resolve("node.log");
        Files.write(log, List.of("one", "two", "three"));

        assertThat(Logs.tail(log, 2)).isEqualTo("  | two\n  | three");
        assertThat(Logs.tail(temp.resolve("missing.log"), 2)).contains("does not exist");
    }
}
