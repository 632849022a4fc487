package io.eventmonitoring.local;

import io.eventmonitoring.process.ProcessException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** What the platform checks before anything starts, and the bridge's secrets. */
class PlatformTest {

    private static final PrintStream QUIET = new PrintStream(PrintStream.nullOutputStream());

    @TempDir
    Path temp;

    @Test
    void missingServiceJarsNameTheModulesAndTheBuildCommand() {
        Platform platform = new Platform(new Platform.Config(temp, new DataDir(temp.resolve("data")), Ports.free(), true),
                Map.of(), QUIET);

        assertThatThrownBy(platform::start).isInstanceOf(ProcessException.class).hasMessage(
                "not built: domain-user (domain-user/target/quarkus-app/quarkus-run.jar), domain-order "
                        + "(domain-order/target/quarkus-app/quarkus-run.jar), bridge (bridge/target/quarkus-app/quarkus-run.jar); "
                        + "build them from the repository root with: ./mvnw -q -DskipTests package (or start with --no-services)");
    }

    @Test
    void aPortInUseStopsTheStartNamingItsOption() throws Exception {
        Ports ports = Ports.free();
        try (ServerSocket taken = new ServerSocket(ports.broker() + 1, 1, InetAddress.getLoopbackAddress())) {
            Platform platform = new Platform(new Platform.Config(temp, new DataDir(temp.resolve("data")), ports, false),
                    Map.of(), QUIET);

            assertThatThrownBy(platform::start).isInstanceOf(ProcessException.class).hasMessageStartingWith(
                    "port " + (ports.broker() + 1) + " on 127.0.0.1 is in use, needed by broker-5 (--broker-port)");
        }
    }

    @Test
    void twoOptionsGivingTheSamePortAreRefusedNamingBoth() {
        Ports free = Ports.free();
        Ports overlapping = new Ports(free.broker(), free.broker() + 2, free.sink(), free.user(), free.order(), free.bridge());
        Platform platform = new Platform(new Platform.Config(temp, new DataDir(temp.resolve("data")), overlapping, false),
                Map.of(), QUIET);

        assertThatThrownBy(platform::start).isInstanceOf(ProcessException.class).hasMessageStartingWith("port "
                + (free.broker() + 2) + " on 127.0.0.1 is given to both controller-1 (--controller-port) and broker-6 "
                + "(--broker-port)");
    }

    @Test
    void withoutWebhooksInTheEnvironmentTheBridgePostsToTheSinkAndRealOnesAreNeverShown() {
        String secret = "https://hooks.example.invalid/services/T000/B000/secret-token";

        BridgeEnv bridge = BridgeEnv.resolve(Map.of("SLACK_WEBHOOK_USER", secret), new DataDir(temp),
                channel -> "http://127.0.0.1:29080/services/" + channel, QUIET);

        assertThat(bridge.env()).containsEntry("SLACK_WEBHOOK_USER", secret)
                .containsEntry("SLACK_WEBHOOK_ORDER", "http://127.0.0.1:29080/services/order");
        assertThat(bridge.lines()).noneMatch(line -> line.contains("secret-token"))
                .contains("webhook      #user -> Slack (SLACK_WEBHOOK_USER from your environment)",
                        "webhook      #order -> local sink http://127.0.0.1:29080/services/order");
    }

    @Test
    void bridgeUsersAreMadeOnceWithHashedPasswordsReadableOnlyByTheOwnerAndTheSecretsAreKept() throws Exception {
        DataDir dataDir = new DataDir(temp);
        ByteArrayOutputStream printed = new ByteArrayOutputStream();

        BridgeEnv first = BridgeEnv.resolve(Map.of(), dataDir, channel -> "x", new PrintStream(printed, true));
        BridgeEnv again = BridgeEnv.resolve(Map.of("SLACK_SIGNING_SECRET", "from-slack"), dataDir, channel -> "x", QUIET);

        assertThat(printed.toString()).containsPattern("bridge console user viewer, password \\S{24} \\(shown once")
                .containsPattern("bridge console user operator, password \\S{24} \\(shown once");
        String users = Files.readString(Path.of(first.env().get("BRIDGE_USERS_FILE")));
        assertThat(users).containsPattern("(?m)^viewer:\\$2a\\$10\\$[./A-Za-z0-9]{53}:viewer$")
                .containsPattern("(?m)^operator:\\$2a\\$10\\$[./A-Za-z0-9]{53}:operator$");
        assertThat(Files.readString(Path.of(again.env().get("BRIDGE_USERS_FILE")))).isEqualTo(users);
        assertThat(again.env().get("BRIDGE_SESSION_KEY")).isEqualTo(first.env().get("BRIDGE_SESSION_KEY")).hasSize(32);
        // deploy/local/slack-action reads the kept signing secret from there.
        assertThat(Files.readString(dataDir.secrets().resolve("slack-signing-secret")).strip())
                .isEqualTo(first.env().get("SLACK_SIGNING_SECRET"));
        assertThat(again.env()).containsEntry("SLACK_SIGNING_SECRET", "from-slack");
        for (String file : new String[] {"bridge-users", "bridge-session-key", "slack-signing-secret"}) {
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dataDir.secrets().resolve(file))))
                    .as(file).isEqualTo("rw-------");
        }
    }
}
