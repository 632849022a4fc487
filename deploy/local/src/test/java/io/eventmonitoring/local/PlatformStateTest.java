package io.eventmonitoring.local;

import io.eventmonitoring.process.ManagedProcess;
import io.eventmonitoring.process.ProcessException;
import io.eventmonitoring.process.Role;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PlatformStateTest {

    @TempDir
    Path temp;

    @Test
    void roundTripsEveryProcess() {
        DataDir dataDir = new DataDir(temp);
        dataDir.create();
        PlatformState state = new PlatformState(42, Instant.parse("2026-11-26T08:00:00.120Z"),
                "127.0.0.1:29092", 29080, List.of(
                new PlatformState.Entry("controller-1", Role.CONTROLLER, 43, Instant.parse("2026-11-26T08:00:01.110Z"),
                        29192, dataDir.log("controller-1"), 0),
                new PlatformState.Entry("domain-user", Role.SERVICE, 44, Instant.parse("2026-11-26T08:00:09Z"),
                        8081, dataDir.log("domain-user"), 2)));

        state.write(dataDir);

        assertThat(PlatformState.read(dataDir)).contains(state);
        PlatformState.delete(dataDir);
        assertThat(PlatformState.read(dataDir)).isEmpty();
    }

    @Test
    void aPidWithAnotherStartTimeIsNotOurs() throws Exception {
        Process child = new ProcessBuilder("sleep", "30").start();
        try {
            Instant realStart = child.info().startInstant().orElseThrow();
            PlatformState state = new PlatformState(child.pid(), realStart.minusSeconds(3600), "x", 1,
                    List.of(new PlatformState.Entry("broker-4", Role.BROKER, child.pid(), realStart.minusSeconds(60),
                                    1, temp.resolve("broker-4.log"), 0),
                            new PlatformState.Entry("broker-5", Role.BROKER, child.pid(), realStart, 1,
                                    temp.resolve("broker-5.log"), 0)));

            assertThat(state.launcher()).isEmpty();
            assertThat(state.aliveProcesses()).extracting(ManagedProcess::name).containsExactly("broker-5");
        } finally {
            child.destroyForcibly();
        }
    }

    @Test
    void damagedFileIsReportedWithWhatToDo() throws Exception {
        DataDir dataDir = new DataDir(temp);
        dataDir.create();
        Files.writeString(dataDir.stateFile(), "launcher=abc\n");

        assertThatThrownBy(() -> PlatformState.read(dataDir))
                .isInstanceOf(ProcessException.class)
                .hasMessageContaining("platform.state is damaged")
                .hasMessageContaining("delete it");
    }
}
