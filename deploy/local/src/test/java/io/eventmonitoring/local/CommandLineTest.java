package io.eventmonitoring.local;

import io.eventmonitoring.process.ProcessException;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CommandLineTest {

    @Test
    void startDefaultsToServicesTheDefaultPortsAndDataUnderTheRepository() {
        CommandLine line = CommandLine.parse(List.of("start", "--repo-root", "repo"), Map.of());

        assertThat(line.command()).isEqualTo("start");
        assertThat(line.services()).isTrue();
        assertThat(line.ports()).isEqualTo(Ports.DEFAULTS);
        assertThat(line.dataDir().root()).isEqualTo(Path.of("repo", ".local-platform").toAbsolutePath());
    }

    @Test
    void flagsInBothSpellingsSetPortsAndServicesAndTheEnvironmentWhatTheyDoNot() {
        CommandLine line = CommandLine.parse(List.of("start", "--no-services", "--broker-port", "39092",
                "--controller-port=39192", "--sink-port", "39080", "--user-port", "9081", "--order-port", "9082",
                "--data-dir", "elsewhere"), Map.of("LOCAL_PLATFORM_BRIDGE_PORT", "9083",
                "LOCAL_PLATFORM_BROKER_PORT", "40092", "LOCAL_PLATFORM_DATA_DIR", "from-env"));

        assertThat(line.services()).isFalse();
        assertThat(line.ports()).isEqualTo(new Ports(39092, 39192, 39080, 9081, 9082, 9083));
        assertThat(line.dataDir().root()).isEqualTo(Path.of("elsewhere").toAbsolutePath());
    }

    @Test
    void badValuesNameTheFlagOrVariable() {
        assertThatThrownBy(() -> CommandLine.parse(List.of("start"), Map.of("LOCAL_PLATFORM_SINK_PORT", "x")).ports())
                .isInstanceOf(ProcessException.class).hasMessageContaining("LOCAL_PLATFORM_SINK_PORT");
        assertThatThrownBy(() -> CommandLine.parse(List.of("start", "--user-port", "70000"), Map.of()).ports())
                .isInstanceOf(ProcessException.class).hasMessageContaining("--user-port");
        assertThatThrownBy(() -> CommandLine.parse(List.of("start", "--broker-port"), Map.of()))
                .isInstanceOf(ProcessException.class).hasMessageContaining("--broker-port needs a value");
    }

    @Test
    void unknownCommandsAndOptionsAreRefusedWithUsage() {
        assertThatThrownBy(() -> CommandLine.parse(List.of("reboot"), Map.of()))
                .isInstanceOf(ProcessException.class).hasMessageContaining("unknown command 'reboot'")
                .hasMessageContaining("usage:");
        assertThatThrownBy(() -> CommandLine.parse(List.of("start", "--layout", "split"), Map.of()))
                .isInstanceOf(ProcessException.class).hasMessageContaining("unknown option '--layout'");
        assertThatThrownBy(() -> CommandLine.parse(List.of("stop", "--broker-port", "1"), Map.of()))
                .isInstanceOf(ProcessException.class).hasMessageContaining("--broker-port does not apply to stop");
        assertThatThrownBy(() -> CommandLine.parse(List.of("status", "bridge"), Map.of()))
                .isInstanceOf(ProcessException.class).hasMessageContaining("unknown option 'bridge'");
    }

    @Test
    void restartTakesOneProcessAndTheDataFolderInAnyOrder() {
        CommandLine line = CommandLine.parse(List.of("restart", "--data-dir=d", "broker-5"),
                Map.of("LOCAL_PLATFORM_DATA_DIR", "ignored"));

        assertThat(line.words()).containsExactly("broker-5");
        assertThat(line.dataDir().root()).isEqualTo(Path.of("d").toAbsolutePath());
        assertThatThrownBy(() -> CommandLine.parse(List.of("restart"), Map.of()))
                .isInstanceOf(ProcessException.class).hasMessageContaining("restart needs the process to restart");
        assertThatThrownBy(() -> CommandLine.parse(List.of("restart", "bridge", "broker-4"), Map.of()))
                .isInstanceOf(ProcessException.class).hasMessageContaining("restart takes one process, not bridge broker-4");
    }

    @Test
    void chaosTakesItsOwnOptionsAndNotTheEnvironment() {
        CommandLine line = CommandLine.parse(List.of("chaos", "--minutes", "3", "--seed=1"),
                Map.of("LOCAL_PLATFORM_DATA_DIR", "ignored"));

        assertThat(line.number("--minutes", 0)).isEqualTo(3);
        assertThat(line.number("--seed", 0)).isEqualTo(1);
        assertThat(line.number("--rate", 20)).isEqualTo(20);
        assertThat(line.options()).doesNotContainKey("--data-dir");
        assertThatThrownBy(() -> CommandLine.parse(List.of("chaos", "--sink-port", "1"), Map.of()))
                .isInstanceOf(ProcessException.class).hasMessageContaining("--sink-port does not apply to chaos");
    }
}
