package io.eventmonitoring.user.account;

import io.eventmonitoring.events.Topics;
import io.eventmonitoring.testing.BusinessEvents;
import io.eventmonitoring.testing.KafkaCluster;
import io.eventmonitoring.testing.KafkaClusterResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.common.utils.Utils;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Idempotency-Key on the user commands: one event per key and request, whatever the retries. */
@QuarkusTest
@WithTestResource(KafkaClusterResource.class)
class IdempotencyKeyTest {

    private static final String SIGN_UP = """
            {"email":"%s@example.com","name":"Ada"}""";

    static Response signUp(String key, String user) {
        return given().contentType(ContentType.JSON).header("Idempotency-Key", key)
                .body(SIGN_UP.formatted(user)).post("/users");
    }

    /** How many sign-up events of that user (the email marks them) are on the topic. */
    static long eventsOf(String user) {
        return BusinessEvents.byId().values().stream()
                .filter(r -> r.event().data().path("email").asText().equals(user + "@example.com")).count();
    }

    @Test
    void theSameKeyAndRequestAreAnsweredTheSameAndRecordedOnce() {
        String key = "\"" + UUID.randomUUID() + "\"";
        String user = "retry-" + UUID.randomUUID();

        Response first = signUp(key, user);
        Response retry = signUp(key, user);

        assertThat(first.statusCode()).as(first.asString()).isEqualTo(202);
        assertThat(first.header("Idempotent-Replayed")).isNull();
        assertThat(retry.statusCode()).isEqualTo(202);
        assertThat(retry.header("Idempotent-Replayed")).isEqualTo("true");
        assertThat(retry.jsonPath().getString("eventId")).isEqualTo(first.jsonPath().getString("eventId"));
        assertThat(retry.header("Location")).isEqualTo(first.header("Location"));
        assertThat(BusinessEvents.withId(first.jsonPath().getString("eventId"))).isNotNull();
        assertThat(eventsOf(user)).isEqualTo(1);
    }

    @Test
    void theSameKeyWithAnotherBodyIs422AndRecordsNothing() {
        String key = UUID.randomUUID().toString();
        String user = "first-" + UUID.randomUUID();
        String other = "other-" + UUID.randomUUID();
        assertThat(signUp(key, user).statusCode()).isEqualTo(202);

        Response reused = signUp(key, other);

        assertThat(reused.statusCode()).isEqualTo(422);
        assertThat(reused.contentType()).startsWith("application/problem+json");
        assertThat(reused.jsonPath().getInt("status")).isEqualTo(422);
        assertThat(eventsOf(other)).isZero();
    }

    @Test
    void theKeysScopeIsTheResource() {
        String key = UUID.randomUUID().toString();
        String first = UUID.randomUUID().toString();
        String second = UUID.randomUUID().toString();
        String body = """
                {"channel":"email"}""";

        Response one = given().contentType(ContentType.JSON).header("Idempotency-Key", key).body(body)
                .post("/users/" + first + "/password-reset");
        Response other = given().contentType(ContentType.JSON).header("Idempotency-Key", key).body(body)
                .post("/users/" + second + "/password-reset");

        assertThat(one.statusCode()).isEqualTo(202);
        assertThat(other.statusCode()).isEqualTo(202);
        assertThat(other.jsonPath().getString("eventId")).isNotEqualTo(one.jsonPath().getString("eventId"));
    }

    @Test
    void aMalformedKeyIs400NamingTheHeader() {
        Response response = signUp("caf\u00e9 \"quoted\"", "bad-key-" + UUID.randomUUID());

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(response.jsonPath().getList("errors.field")).containsExactly("Idempotency-Key");
    }

    @Test
    void aKeyClaimedByAnotherInstanceIs409UntilReleasedThenProcessedOnce() throws Exception {
        String key = UUID.randomUUID().toString();
        String user = "claimed-" + UUID.randomUUID();
        String scope = "domain-user POST /users " + key;
        String claim = UUID.randomUUID().toString();
        // Another replica holds the key: its claim is on the topic, its answer is not yet.
        write(scope + "#claim", "{\"kind\":\"claim\",\"claim\":\"" + claim + "\",\"fingerprint\":\"elsewhere\"}", scope);

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(signUp(key, user).statusCode()).isEqualTo(409));
        assertThat(eventsOf(user)).isZero();

        write(scope + "#claim", "{\"kind\":\"release\",\"claim\":\"" + claim + "\"}", scope);
        Response processed = await().atMost(Duration.ofSeconds(10)).until(() -> signUp(key, user), r -> r.statusCode() == 202);
        assertThat(signUp(key, user).jsonPath().getString("eventId")).isEqualTo(processed.jsonPath().getString("eventId"));
        assertThat(eventsOf(user)).isEqualTo(1);
    }

    @Test
    void requestsWithoutAKeyAreEachRecorded() {
        String user = "no-key-" + UUID.randomUUID();
        for (int i = 0; i < 2; i++) {
            given().contentType(ContentType.JSON).body(SIGN_UP.formatted(user)).post("/users").then().statusCode(202);
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> eventsOf(user) == 2);
    }

    /** A ledger record as another instance of the service would write it, in the scope's partition. */
    private static void write(String key, String value, String scope) throws Exception {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, KafkaCluster.shared().bootstrapServers());
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(props, new StringSerializer(), new StringSerializer())) {
            int partitions = producer.partitionsFor(Topics.COMMAND_IDEMPOTENCY).size();
            int partition = Utils.toPositive(Utils.murmur2(scope.getBytes(StandardCharsets.UTF_8))) % partitions;
            producer.send(new ProducerRecord<>(Topics.COMMAND_IDEMPOTENCY, partition, key, value)).get(10, TimeUnit.SECONDS);
        }
    }
}
