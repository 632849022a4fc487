package io.eventmonitoring.bridge;

import io.eventmonitoring.bridge.support.CapturedLog;
import io.eventmonitoring.bridge.support.SlackWireMockResource;
import io.eventmonitoring.bridge.support.TestUsers;
import io.eventmonitoring.testing.KafkaClusterResource;
import io.quarkus.elytron.security.common.BcryptUtil;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Map;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The users file changes under a running bridge, as a mounted Secret does: no restart; a bad file changes nothing. */
@QuarkusTest
@TestProfile(UsersFileReloadTest.Profile.class)
@WithTestResource(KafkaClusterResource.class)
@WithTestResource(SlackWireMockResource.class)
class UsersFileReloadTest {

    private static final Path USERS = Path.of("target/users-file-reload/users");
    private static final String TEST_USERS = read(Path.of("src/test/resources/test-users"));
    private static final String NEWCOMER = "newcomer";
    private static final String NEWCOMER_PASSWORD = "newcomer-password";
    private static final String NEWCOMER_HASH = BcryptUtil.bcryptHash(NEWCOMER_PASSWORD, 4);

    private static final CapturedLog LOG = new CapturedLog();

    /** The test's own copy of the users file, looked at every 200 ms. */
    public static class Profile implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            write(TEST_USERS);
            return Map.of("bridge.security.users-file", USERS.toString(),
                    "bridge.security.users-file-check-interval", "200ms");
        }
    }

    @BeforeAll
    static void captureLogs() {
        LOG.install();
    }

    @AfterAll
    static void stopCapturing() {
        LOG.remove();
    }

    @Test
    void aUserAddedOrRemovedTakesEffectWithoutRestartAndABadFileKeepsTheUsers() {
        assertThat(status(NEWCOMER, NEWCOMER_PASSWORD)).isEqualTo(401);

        write(TEST_USERS + NEWCOMER + ":" + NEWCOMER_HASH + ":operator\n");
        await().atMost(Duration.ofSeconds(10)).until(() -> status(NEWCOMER, NEWCOMER_PASSWORD) == 200);

        write(TEST_USERS + NEWCOMER + ":" + NEWCOMER_HASH + ":operator,root\n");
        await().atMost(Duration.ofSeconds(10))
                .until(() -> LOG.lines().stream().anyMatch(m -> m.contains("unknown role 'root'")));
        assertThat(status(NEWCOMER, NEWCOMER_PASSWORD)).isEqualTo(200);
        assertThat(LOG.lines()).filteredOn(m -> m.contains("unknown role 'root'")).singleElement().asString()
                .contains("bridge.security.users-file").contains("keeping the users read before (3)");
        assertThat(String.join("\n", LOG.lines())).doesNotContain(NEWCOMER_HASH.substring(7))
                .doesNotContain(TestUsers.VIEWER_HASH_BODY).doesNotContain(TestUsers.OPERATOR_HASH_BODY);

        write(TEST_USERS);
        await().atMost(Duration.ofSeconds(10)).until(() -> status(NEWCOMER, NEWCOMER_PASSWORD) == 401);
        assertThat(status(TestUsers.OPERATOR, TestUsers.OPERATOR_PASSWORD)).isEqualTo(200);
    }

    private static int status(String user, String password) {
        return given().auth().preemptive().basic(user, password).when().get("/admin/routes").statusCode();
    }

    /** Replaces the file at once, as a Secret's update does: the bridge never reads half of it. */
    private static void write(String users) {
        try {
            Files.createDirectories(USERS.getParent());
            Path next = Files.writeString(USERS.resolveSibling("users.next"), users);
            Files.move(next, USERS, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
