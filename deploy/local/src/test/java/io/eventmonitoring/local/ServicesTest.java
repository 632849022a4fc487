package io.eventmonitoring.local;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ServicesTest {

    @TempDir
    Path temp;

    @Test
    void withoutWebhooksInTheEnvironmentTheBridgePostsToTheSink() {
        WebhookTargets targets = WebhookTargets.resolve(Map.of(), channel -> "http://127.0.0.1:29080/services/" + channel);

        assertThat(targets.bridgeEnv()).containsExactlyInAnyOrderEntriesOf(Map.of(
                "SLACK_WEBHOOK_USER", "http://127.0.0.1:29080/services/user",
                "SLACK_WEBHOOK_ORDER", "http://127.0.0.1:29080/services/order"));
        assertThat(targets.descriptions()).containsExactly(
                "#user -> local sink http://127.0.0.1:29080/services/user",
                "#order -> local sink http://127.0.0.1:29080/services/order");
    }

    @Test
    void realWebhooksArePassedThroughButNeverDescribed() {
        String secret = "https://hooks.example.invalid/services/T000/B000/secret-token";

        WebhookTargets targets = WebhookTargets.resolve(Map.of("SLACK_WEBHOOK_USER", secret),
                channel -> "http://127.0.0.1:29080/services/" + channel);

        assertThat(targets.bridgeEnv()).containsEntry("SLACK_WEBHOOK_USER", secret)
                .containsEntry("SLACK_WEBHOOK_ORDER", "http://127.0.0.1:29080/services/order");
        assertThat(targets.descriptions()).noneMatch(d -> d.contains("secret-token"))
                .contains("#user -> Slack (SLACK_WEBHOOK_USER from your environment)");
    }

    @Test
    void missingServiceJarNamesTheModuleAndTheBuildCommand() {
        assertThatThrownBy(() -> Service.checkBuilt(temp, List.of(Service.DOMAIN_USER, Service.BRIDGE)))
                .isInstanceOf(PlatformException.class)
                .hasMessage("not built: domain-user (domain-user/target/quarkus-app/quarkus-run.jar), "
                        + "bridge (bridge/target/quarkus-app/quarkus-run.jar); build them from the repository root "
                        + "with: ./mvnw -q -DskipTests install (or start with --no-services)");
    }

    @Test
    void bridgeAdminPasswordIsMadeOnceAndReadableOnlyByTheOwner() throws Exception {
        DataDir dataDir = new DataDir(temp);

        BridgeAdmin first = BridgeAdmin.resolve(Map.of(), dataDir);
        BridgeAdmin again = BridgeAdmin.resolve(Map.of(), dataDir);

        assertThat(first.username()).isEqualTo("admin");
        assertThat(first.password()).hasSizeGreaterThanOrEqualTo(20).isEqualTo(again.password());
        assertThat(first.description()).doesNotContain(first.password());
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(
                dataDir.secrets().resolve("bridge-admin-password")))).isEqualTo("rw-------");
    }

    @Test
    void bridgeAdminFromTheEnvironmentWins() {
        BridgeAdmin admin = BridgeAdmin.resolve(Map.of("BRIDGE_ADMIN_USERNAME", "ops", "BRIDGE_ADMIN_PASSWORD", "pw"),
                new DataDir(temp));

        assertThat(admin.env()).containsEntry("BRIDGE_ADMIN_USERNAME", "ops").containsEntry("BRIDGE_ADMIN_PASSWORD", "pw");
        assertThat(Files.exists(temp.resolve("secrets"))).isFalse();
    }

    @Test
    void theSlackSigningSecretIsKeptForSlackActionUnlessTheEnvironmentGivesOne() throws Exception {
        DataDir dataDir = new DataDir(temp);

        SlackSigningSecret kept = SlackSigningSecret.resolve(Map.of(), dataDir);

        assertThat(kept.secret()).hasSizeGreaterThanOrEqualTo(20)
                .isEqualTo(SlackSigningSecret.resolve(Map.of(), dataDir).secret());
        assertThat(kept.description()).doesNotContain(kept.secret());
        // deploy/local/slack-action reads it from there.
        assertThat(Files.readString(dataDir.secrets().resolve("slack-signing-secret")).strip()).isEqualTo(kept.secret());
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(
                dataDir.secrets().resolve("slack-signing-secret")))).isEqualTo("rw-------");
        assertThat(SlackSigningSecret.resolve(Map.of("SLACK_SIGNING_SECRET", "from-slack"), dataDir).env())
                .containsExactly(Map.entry("SLACK_SIGNING_SECRET", "from-slack"));
    }
}
