package io.eventmonitoring.user.account;

import io.eventmonitoring.events.CloudEvent;
import io.eventmonitoring.events.CloudEventCodec;
import io.eventmonitoring.events.Severity;
import io.eventmonitoring.events.Topics;
import io.eventmonitoring.testing.KafkaCluster;
import io.eventmonitoring.testing.KafkaClusterResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.notNullValue;

@QuarkusTest
@WithTestResource(KafkaClusterResource.class)
class SignUpTest {

    @Test
    void acceptedSignUpIsAKeyedCloudEventOnTheTopic() {
        String eventId = given().contentType(ContentType.JSON)
                .body("{\"email\":\"ada@example.com\",\"name\":\"Ada Lovelace\"}")
                .when().post("/users")
                .then().statusCode(202)
                .body("type", equalTo("user.signed-up"))
                .body("subject", notNullValue())
                .extract().path("eventId");

        ConsumerRecord<String, String> record = KafkaCluster.shared().readAll(Topics.BUSINESS_EVENTS).stream()
                .filter(r -> r.value().contains(eventId))
                .findFirst().orElseThrow();
        CloudEvent event = CloudEventCodec.decode(record.value());
        assertThat(event.id()).isEqualTo(eventId);
        assertThat(event.type()).isEqualTo("user.signed-up");
        assertThat(event.source()).isEqualTo("/domain-user");
        assertThat(event.severity()).isEqualTo(Severity.INFO);
        assertThat(event.time()).isNotNull();
        assertThat(event.datacontenttype()).isEqualTo("application/json");
        assertThat(record.key()).isEqualTo("user:" + event.subject());
        assertThat(event.data().get("email").asText()).isEqualTo("ada@example.com");
    }

    @Test
    void invalidSignUpIsAProblemNamingEachField() {
        given().contentType(ContentType.JSON)
                .body("{\"email\":\"not-an-email\",\"name\":\"\"}")
                .when().post("/users")
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("status", equalTo(400))
                .body("errors.field", hasItem("email"))
                .body("errors.field", hasItem("name"));
    }

    @Test
    void malformedJsonIsAProblem() {
        given().contentType(ContentType.JSON)
                .body("{\"email\":")
                .when().post("/users")
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("errors.field", hasItem("body"));
    }
}
