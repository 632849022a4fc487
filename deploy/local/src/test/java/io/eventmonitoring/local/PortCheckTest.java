package io.eventmonitoring.local;

import io.eventmonitoring.local.PortCheck.PortUse;
import io.eventmonitoring.process.LocalPorts;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PortCheckTest {

    @Test
    void portInUseIsNamedWithTheOptionThatChangesIt() throws IOException {
        try (ServerSocket taken = new ServerSocket()) {
            taken.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            int port = taken.getLocalPort();

            assertThat(LocalPorts.isListening(port)).isTrue();
            assertThatThrownBy(() -> PortCheck.requireFree(List.of(
                    new PortUse(port, "broker-4", CommandLine.BROKER_PORT))))
                    .isInstanceOf(PlatformException.class)
                    .hasMessage("port " + port + " on 127.0.0.1 (broker-4) is in use; choose other ports with "
                            + "--broker-port or LOCAL_PLATFORM_BROKER_PORT");
        }
    }

    @Test
    void portsInTheEphemeralRangeAreNamed(@TempDir Path temp) throws IOException {
        Path range = Files.writeString(temp.resolve("ip_local_port_range"), "32768\t60999\n");
        List<PortUse> uses = List.of(new PortUse(29092, "broker-4", CommandLine.BROKER_PORT),
                new PortUse(39092, "broker-4", CommandLine.BROKER_PORT),
                new PortUse(60999, "the Slack sink", CommandLine.SINK_PORT));

        assertThat(PortCheck.inEphemeralRange(uses, range)).extracting(PortUse::port).containsExactly(39092, 60999);
        assertThat(PortCheck.inEphemeralRange(uses, temp.resolve("absent"))).isEmpty();
    }

    @Test
    void freePortPasses() {
        int port = Ports.free().sink();

        PortCheck.requireFree(List.of(new PortUse(port, "the Slack sink", CommandLine.SINK_PORT)));

        assertThat(LocalPorts.isListening(port)).isFalse();
    }
}
