package io.eventmonitoring.user.account;

import io.eventmonitoring.command.testing.OpenApiCheck;
import io.eventmonitoring.testing.KafkaClusterResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.util.List;

@QuarkusTest
@WithTestResource(KafkaClusterResource.class)
class AccountOpenApiTest {

    @Test
    void everyEndpointAndErrorIsDocumented() throws Exception {
        OpenApiCheck.assertDocuments(List.of(
                "POST /users",
                "PUT /users/{userId}/profile",
                "DELETE /users/{userId}",
                "POST /users/{userId}/password-reset",
                "POST /users/{userId}/reviews"));
    }

    @Test
    void liveReadyAndMeasured() {
        OpenApiCheck.assertOperable();
    }
}
