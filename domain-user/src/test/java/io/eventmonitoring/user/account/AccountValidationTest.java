package io.eventmonitoring.user.account;

import io.eventmonitoring.command.testing.BadInput;
import io.eventmonitoring.testing.BusinessEvents;
import io.eventmonitoring.testing.KafkaClusterResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;
import java.util.UUID;

import static io.eventmonitoring.command.testing.BadInput.delete;
import static io.eventmonitoring.command.testing.BadInput.get;
import static io.eventmonitoring.command.testing.BadInput.post;
import static io.eventmonitoring.command.testing.BadInput.put;
import static org.assertj.core.api.Assertions.assertThat;

@QuarkusTest
@WithTestResource(KafkaClusterResource.class)
class AccountValidationTest {

    private static final String ID = UUID.randomUUID().toString();
    private static final String REVIEW = "{\"productSku\":\"KB-1\",\"rating\":4,\"title\":\"Fine\"}";
    private static int eventsBefore;

    static List<BadInput> badInputs() {
        return List.of(
                post("malformed JSON", "/users", "{\"email\":").answers(400, "body"),
                post("no body", "/users", null).answers(400, "body"),
                post("array instead of object", "/users", "[]").answers(400, "body"),
                post("trailing data", "/users", "{\"email\":\"a@example.com\",\"name\":\"A\"} {}").answers(400, "body"),
                post("repeated field", "/users", "{\"email\":\"a@example.com\",\"email\":\"b@example.com\",\"name\":\"A\"}")
                        .answers(400, "body"),
                post("bad email and blank name", "/users", "{\"email\":\"not-an-email\",\"name\":\"\"}")
                        .answers(400, "email", "name"),
                post("missing name", "/users", "{\"email\":\"a@example.com\"}").answers(400, "name"),
                post("name too long", "/users", "{\"email\":\"a@example.com\",\"name\":\"" + "n".repeat(101) + "\"}")
                        .answers(400, "name"),
                post("name with a control character", "/users", "{\"email\":\"a@example.com\",\"name\":\"A\\u0007\"}")
                        .answers(400, "name"),
                post("email as a number", "/users", "{\"email\":42,\"name\":\"A\"}").answers(400, "email"),
                post("unknown field", "/users", "{\"email\":\"a@example.com\",\"name\":\"A\",\"admin\":true}")
                        .answers(400, "admin"),
                post("body over 64K", "/users", "{\"email\":\"a@example.com\",\"name\":\"" + "n".repeat(70_000) + "\"}")
                        .answers(413, "body"),
                post("text/plain body", "/users", "email=a@example.com").contentType("text/plain").answers(415),
                put("user id not a UUID", "/users/42/profile", "{\"email\":\"a@example.com\",\"name\":\"A\"}")
                        .answers(404, "userId"),
                put("user id in upper case", "/users/" + ID.toUpperCase() + "/profile", "{\"email\":\"a@example.com\",\"name\":\"A\"}")
                        .answers(404, "userId"),
                put("bio too long", "/users/" + ID + "/profile", "{\"email\":\"a@example.com\",\"name\":\"A\",\"bio\":\"" + "b".repeat(501) + "\"}")
                        .answers(400, "bio"),
                delete("delete with a bad id", "/users/not-a-user").answers(404, "userId"),
                delete("deletion reason too long", "/users/" + ID + "?reason=" + "r".repeat(201)).answers(400, "reason"),
                post("unknown reset channel", "/users/" + ID + "/password-reset", "{\"channel\":\"pigeon\"}").answers(400, "channel"),
                post("missing reset channel", "/users/" + ID + "/password-reset", "{}").answers(400, "channel"),
                post("rating above 5", "/users/" + ID + "/reviews", REVIEW.replace("4", "6")).answers(400, "rating"),
                post("rating as a string", "/users/" + ID + "/reviews", REVIEW.replace("4", "\"4\"")).answers(400, "rating"),
                post("rating as a fraction", "/users/" + ID + "/reviews", REVIEW.replace("4", "4.5")).answers(400, "rating"),
                post("review without product and title", "/users/" + ID + "/reviews", "{\"rating\":4}")
                        .answers(400, "productSku", "title"),
                post("product sku with spaces", "/users/" + ID + "/reviews", REVIEW.replace("KB-1", "KB 1")).answers(400, "productSku"),
                post("review text too long", "/users/" + ID + "/reviews",
                        REVIEW.replace("}", ",\"text\":\"" + "t".repeat(4001) + "\"}")).answers(400, "text"),
                post("unknown path", "/users/" + ID + "/friends", "{}").answers(404),
                get("method not allowed", "/users/" + ID).answers(405));
    }

    @BeforeAll
    static void countEvents() {
        eventsBefore = BusinessEvents.byId().size();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badInputs")
    void badInputIsAProblemNamingEachField(BadInput input) {
        input.assertAnswered();
    }

    @AfterAll
    static void noEventForARejectedCommand() {
        assertThat(BusinessEvents.byId()).hasSize(eventsBefore);
    }
}
