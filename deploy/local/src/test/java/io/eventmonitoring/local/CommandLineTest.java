package io.eventmonitoring.local;

import io.eventmonitoring.local.CommandLine.Command;
import io.eventmonitoring.local.CommandLine.Invocation;
import io.eventmonitoring.local.cluster.Layout;
import io.eventmonitoring.process.ProcessException;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CommandLineTest {

    @Test
    void startDefaultsToSplitLayoutWithServicesAndDataUnderTheRepository() {
        Invocation invocation = CommandLine.parse(List.of("start", "--repo-root", "repo"), Map.of());

        assertThat(invocation.command()).isEqualTo(Command.START);
        PlatformConfig config = invocation.config();
        assertThat(config.layout()).isEqualTo(Layout.SPLIT);
        assertThat(config.services()).isTrue();
        assertThat(config.ports()).isEqualTo(Ports.DEFAULTS);
        assertThat(config.dataDir().root()).isEqualTo(Path.of("repo", ".local-platform").toAbsolutePath());
    }

    @Test
    void flagsInBothSpellingsSetLayoutPortsAndServices() {
        PlatformConfig config = CommandLine.parse(List.of("start", "--layout=combined", "--no-services",
                "--broker-port", "39092", "--controller-port=39192", "--sink-port", "39080",
                "--user-port", "9081", "--order-port", "9082", "--bridge-port", "9083", "--data-dir", "elsewhere"),
                Map.of()).config();

        assertThat(config.layout()).isEqualTo(Layout.COMBINED);
        assertThat(config.services()).isFalse();
        assertThat(config.ports()).isEqualTo(new Ports(39092, 39192, 39080, 9081, 9082, 9083));
        assertThat(config.dataDir().root()).isEqualTo(Path.of("elsewhere").toAbsolutePath());
    }

    @Test
    void environmentSetsOptionsAndFlagsWin() {
        Map<String, String> env = Map.of(
                "LOCAL_PLATFORM_BROKER_PORT", "40092",
                "LOCAL_PLATFORM_LAYOUT", "combined",
                "LOCAL_PLATFORM_DATA_DIR", "from-env");

        PlatformConfig config = CommandLine.parse(List.of("start", "--broker-port", "41092"), env).config();

        assertThat(config.ports().broker()).isEqualTo(41092);
        assertThat(config.layout()).isEqualTo(Layout.COMBINED);
        assertThat(config.dataDir().root()).isEqualTo(Path.of("from-env").toAbsolutePath());
    }

    @Test
    void badValuesNameTheFlagOrVariable() {
        assertThatThrownBy(() -> CommandLine.parse(List.of("start", "--layout", "triple"), Map.of()))
                .isInstanceOf(ProcessException.class).hasMessageContaining("--layout").hasMessageContaining("triple");
        assertThatThrownBy(() -> CommandLine.parse(List.of("start"), Map.of("LOCAL_PLATFORM_SINK_PORT", "x")))
                .isInstanceOf(PlatformException.class).hasMessageContaining("LOCAL_PLATFORM_SINK_PORT");
        assertThatThrownBy(() -> CommandLine.parse(List.of("start", "--user-port", "70000"), Map.of()))
                .isInstanceOf(PlatformException.class).hasMessageContaining("--user-port");
        assertThatThrownBy(() -> CommandLine.parse(List.of("start", "--broker-port"), Map.of()))
                .isInstanceOf(PlatformException.class).hasMessageContaining("--broker-port needs a value");
    }

    @Test
    void overlappingPortRangesAreRefused() {
        assertThatThrownBy(() -> CommandLine.parse(List.of("start", "--broker-port", "29092",
                "--controller-port", "29094"), Map.of()))
                .isInstanceOf(PlatformException.class)
                .hasMessageContaining("--broker-port 29092 and --controller-port 29094 overlap");
    }

    @Test
    void unknownCommandsAndOptionsAreRefusedWithUsage() {
        assertThatThrownBy(() -> CommandLine.parse(List.of("reboot"), Map.of()))
                .isInstanceOf(PlatformException.class).hasMessageContaining("unknown command 'reboot'")
                .hasMessageContaining("usage:");
        assertThatThrownBy(() -> CommandLine.parse(List.of("start", "--brokers", "5"), Map.of()))
                .isInstanceOf(PlatformException.class).hasMessageContaining("unknown option '--brokers'");
        assertThatThrownBy(() -> CommandLine.parse(List.of("stop", "--layout", "split"), Map.of()))
                .isInstanceOf(PlatformException.class).hasMessageContaining("--layout only applies to start");
    }

    @Test
    void stopAndStatusTakeTheDataFolder() {
        Invocation status = CommandLine.parse(List.of("status", "--data-dir", "d"), Map.of());
        Invocation help = CommandLine.parse(List.of(), Map.of());

        assertThat(status.command()).isEqualTo(Command.STATUS);
        assertThat(status.config().dataDir().root()).isEqualTo(Path.of("d").toAbsolutePath());
        assertThat(help.command()).isEqualTo(Command.HELP);
    }

    @Test
    void restartTakesOneProcessAndTheDataFolderInAnyOrder() {
        Invocation before = CommandLine.parse(List.of("restart", "broker-5", "--data-dir", "d"), Map.of());
        Invocation after = CommandLine.parse(List.of("restart", "--data-dir=d", "bridge"),
                Map.of("LOCAL_PLATFORM_DATA_DIR", "ignored"));

        assertThat(before.command()).isEqualTo(Command.RESTART);
        assertThat(before.process()).isEqualTo("broker-5");
        assertThat(before.config().dataDir().root()).isEqualTo(Path.of("d").toAbsolutePath());
        assertThat(after.process()).isEqualTo("bridge");
        assertThat(after.config().dataDir().root()).isEqualTo(Path.of("d").toAbsolutePath());
        assertThat(CommandLine.parse(List.of("status"), Map.of()).process()).isNull();
    }

    @Test
    void restartWithoutOrWithSeveralProcessesOrWithStartOptionsIsRefused() {
        assertThatThrownBy(() -> CommandLine.parse(List.of("restart"), Map.of()))
                .isInstanceOf(PlatformException.class).hasMessageContaining("restart needs the process to restart");
        assertThatThrownBy(() -> CommandLine.parse(List.of("restart", "bridge", "broker-4"), Map.of()))
                .isInstanceOf(PlatformException.class).hasMessageContaining("restart takes one process, not bridge broker-4");
        assertThatThrownBy(() -> CommandLine.parse(List.of("restart", "bridge", "--broker-port", "1"), Map.of()))
                .isInstanceOf(PlatformException.class).hasMessageContaining("--broker-port only applies to start");
        assertThatThrownBy(() -> CommandLine.parse(List.of("status", "bridge"), Map.of()))
                .isInstanceOf(PlatformException.class).hasMessageContaining("unknown option 'bridge'");
    }
}
