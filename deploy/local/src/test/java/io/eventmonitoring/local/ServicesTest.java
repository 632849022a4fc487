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
    void bridgeUsersAreMadeOnceWithHashedPasswordsReadableOnlyByTheOwner() throws Exception {
        DataDir dataDir = new DataDir(temp);

        BridgeUsers first = BridgeUsers.resolve(dataDir);
        BridgeUsers again = BridgeUsers.resolve(dataDir);

        Map<String, String> passwords = first.created().orElseThrow();
        assertThat(passwords).containsOnlyKeys("viewer", "operator");
        assertThat(passwords.values()).allSatisfy(p -> assertThat(p).hasSizeGreaterThanOrEqualTo(20));
        assertThat(again.created()).isEmpty();
        assertThat(again.sessionKey()).isEqualTo(first.sessionKey()).hasSizeGreaterThanOrEqualTo(32);
        String file = Files.readString(first.usersFile());
        assertThat(file).containsPattern("(?m)^viewer:\\$2a\\$10\\$[./A-Za-z0-9]{53}:viewer$")
                .containsPattern("(?m)^operator:\\$2a\\$10\\$[./A-Za-z0-9]{53}:operator$");
        passwords.values().forEach(p -> assertThat(file).doesNotContain(p));
        assertThat(first.description()).doesNotContain(passwords.values());
        assertThat(first.env()).containsEntry("BRIDGE_USERS_FILE", first.usersFile().toString())
                .containsEntry("BRIDGE_SESSION_KEY", first.sessionKey());
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(first.usersFile()))).isEqualTo("rw-------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(
                dataDir.secrets().resolve("bridge-session-key")))).isEqualTo("rw-------");
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
