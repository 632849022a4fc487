package io.eventmonitoring.user.account;

import io.eventmonitoring.command.testing.CommandCheck;
import io.eventmonitoring.events.Severity;
import io.eventmonitoring.testing.KafkaClusterResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

@QuarkusTest
@WithTestResource(KafkaClusterResource.class)
class AccountCommandsTest {

    private static final String UUID_PATTERN = "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}";

    static List<CommandCheck> commands() {
        return List.of(
                CommandCheck.of("sign up", "POST", "/users", """
                                {"email":"ada@example.com","name":"Ada Lovelace"}""")
                        .emits("user.signed-up", Severity.INFO)
                        .locatedAt("/users/{id}")
                        .withData("/email", "ada@example.com")
                        .withData("/name", "Ada Lovelace"),
                CommandCheck.of("update profile", "PUT", "/users/{id}/profile", """
                                {"email":"ada.king@example.com","name":"Ada King","bio":"Notes on engines"}""")
                        .emits("user.profile-updated", Severity.INFO)
                        .locatedAt("/users/{id}")
                        .withData("/email", "ada.king@example.com")
                        .withData("/bio", "Notes on engines"),
                CommandCheck.of("delete account", "DELETE", "/users/{id}?reason=privacy", null)
                        .emits("user.account-deleted", Severity.WARNING)
                        .locatedAt("/users/{id}")
                        .withData("/reason", "privacy"),
                CommandCheck.of("request password reset", "POST", "/users/{id}/password-reset", """
                                {"channel":"sms"}""")
                        .emits("user.password-reset-requested", Severity.WARNING)
                        .locatedAt("/users/{id}")
                        .withData("/channel", "sms"),
                CommandCheck.of("post review", "POST", "/users/{id}/reviews", """
                                {"productSku":"KB-MECH-01","rating":5,"title":"Solid and quiet","text":"No complaints."}""")
                        .emits("user.review-posted", Severity.INFO)
                        .locatedAt("/users/{id}/reviews/" + UUID_PATTERN)
                        .withData("/productSku", "KB-MECH-01")
                        .withData("/rating", "5")
                        .withData("/title", "Solid and quiet"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("commands")
    void eachCommandIsOneKeyedCloudEventOnTheTopic(CommandCheck command) throws Exception {
        String userId = UUID.randomUUID().toString();
        var recorded = command.assertRecorded(userId, "user");
        if (!command.path().equals("/users")) {
            assertThat(recorded.event().subject()).isEqualTo(userId);
        }
    }
}
