package io.eventmonitoring.bridge;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.eventmonitoring.bridge.dlq.DeadLetterPublisher;
import io.eventmonitoring.bridge.support.Events;
import io.eventmonitoring.bridge.support.InjectSlack;
import io.eventmonitoring.bridge.support.SlackWireMockResource;
import io.eventmonitoring.events.CloudEvent;
import io.eventmonitoring.events.CloudEventCodec;
import io.eventmonitoring.events.EventType;
import io.eventmonitoring.events.Topics;
import io.eventmonitoring.testing.KafkaCluster;
import io.eventmonitoring.testing.KafkaClusterResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

@QuarkusTest
@WithTestResource(KafkaClusterResource.class)
@WithTestResource(SlackWireMockResource.class)
class BridgeTest {

    @InjectSlack
    WireMockServer slack;

    @BeforeEach
    void setUp() {
        SlackWireMockResource.resetToOk(slack);
    }

    @Test
    void eachDomainReachesItsOwnChannelOnly() {
        String userMarker = UUID.randomUUID().toString();
        String orderMarker = UUID.randomUUID().toString();
        CloudEvent user = Events.event(EventType.USER_SIGNED_UP, userMarker);
        CloudEvent order = Events.event(EventType.ORDER_CREATED, orderMarker);
        Events.send(user);
        Events.send(order);

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            slack.verify(1, postRequestedFor(urlPathEqualTo(SlackWireMockResource.path("user")))
                    .withRequestBody(matchingJsonPath("$.text", containing(userMarker))));
            slack.verify(1, postRequestedFor(urlPathEqualTo(SlackWireMockResource.path("order")))
                    .withRequestBody(matchingJsonPath("$.text", containing(orderMarker))));
        });
        slack.verify(0, postRequestedFor(urlPathEqualTo(SlackWireMockResource.path("order")))
                .withRequestBody(containing(userMarker)));
        slack.verify(0, postRequestedFor(urlPathEqualTo(SlackWireMockResource.path("user")))
                .withRequestBody(containing(orderMarker)));
        slack.verify(postRequestedFor(urlPathEqualTo(SlackWireMockResource.path("user")))
                .withHeader("Content-Type", equalTo("application/json"))
                .withRequestBody(matchingJsonPath("$.blocks[0].type", equalTo("section"))));
    }

    @Test
    void malformedRecordIsDeadLetteredWithItsReasonAndConsumingGoesOn() {
        String key = "user:" + UUID.randomUUID();
        Events.sendRaw(key, "this is not json");

        assertDeadLetteredAndUserEventsStillPosted(key, "this is not json", Topics.BUSINESS_EVENTS);
    }

    /** Found by a property: accepted, it made the outbox record that embedded it, and its other events, unreadable. */
    @Test
    void anEventWithTextAfterItsJsonIsDeadLetteredAlone() {
        CloudEvent event = Events.event(EventType.USER_SIGNED_UP, UUID.randomUUID().toString());
        String value = CloudEventCodec.encode(event) + " trailing";
        Events.sendRaw(event.key(), value);

        assertDeadLetteredAndUserEventsStillPosted(event.key(), value, Topics.BUSINESS_EVENTS);
    }

    /**
     * Just under what Kafka takes, its outbox record would be over: the write failed, the batch with it, and routing
     * stopped, again after every restart.
     */
    @Test
    void anEventTooLargeForTheOutboxIsDeadLetteredAndRoutingGoesOn() {
        CloudEvent small = Events.event(EventType.USER_SIGNED_UP, "x");
        String json = CloudEventCodec.encode(small);
        String value = json.substring(0, json.length() - 1) + ",\"padding\":\"" + "p".repeat(1_048_300 - json.length()) + "\"}";
        Events.sendRaw(small.key(), value);

        String marker = UUID.randomUUID().toString();
        Events.send(Events.event(EventType.USER_SIGNED_UP, marker));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            List<ConsumerRecord<String, String>> deadLetters = KafkaCluster.shared().readAll(Topics.BUSINESS_EVENTS_DLQ)
                    .stream().filter(r -> small.key().equals(r.key())).toList();
            assertThat(deadLetters).hasSize(1);
            assertThat(header(deadLetters.get(0), DeadLetterPublisher.CAUSE)).isEqualTo(DeadLetterPublisher.CAUSE_MALFORMED);
            assertThat(header(deadLetters.get(0), DeadLetterPublisher.REASON)).isNotBlank();
            assertThat(deadLetters.get(0).value()).isEqualTo(value.substring(0, 100_000));
        });
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> slack.verify(1,
                postRequestedFor(urlPathEqualTo(SlackWireMockResource.path("user"))).withRequestBody(containing(marker))));
        given().when().get("/q/health/live").then().statusCode(200);
    }

    @Test
    void malformedOutboxRecordIsDeadLetteredWithItsReasonAndDeliveryGoesOn() {
        String value = "{\"notifications\": garbled " + UUID.randomUUID() + "}";
        Events.sendRaw(Topics.BRIDGE_OUTBOX, "user", value);

        assertDeadLetteredAndUserEventsStillPosted("user", value, Topics.BRIDGE_OUTBOX);
    }

    private void assertDeadLetteredAndUserEventsStillPosted(String key, String value, String sourceTopic) {
        String marker = UUID.randomUUID().toString();
        Events.send(Events.event(EventType.USER_SIGNED_UP, marker));

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            List<ConsumerRecord<String, String>> deadLetters = KafkaCluster.shared().readAll(Topics.BUSINESS_EVENTS_DLQ)
                    .stream().filter(r -> key.equals(r.key()) && value.equals(r.value())).toList();
            assertThat(deadLetters).hasSize(1);
            ConsumerRecord<String, String> dead = deadLetters.get(0);
            assertThat(header(dead, DeadLetterPublisher.REASON)).isNotBlank();
            assertThat(header(dead, DeadLetterPublisher.CAUSE)).isEqualTo(DeadLetterPublisher.CAUSE_MALFORMED);
            assertThat(header(dead, DeadLetterPublisher.SOURCE_TOPIC)).isEqualTo(sourceTopic);
        });
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> slack.verify(1,
                postRequestedFor(urlPathEqualTo(SlackWireMockResource.path("user")))
                        .withRequestBody(containing(marker))));
    }

    @Test
    void healthIsUp() {
        given().when().get("/q/health/ready").then().statusCode(200);
    }

    private static String header(ConsumerRecord<String, String> record, String name) {
        return new String(record.headers().lastHeader(name).value(), StandardCharsets.UTF_8);
    }
}
