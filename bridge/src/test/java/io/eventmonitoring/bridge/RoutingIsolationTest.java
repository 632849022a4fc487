package io.eventmonitoring.bridge;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.eventmonitoring.bridge.dlq.DeadLetterPublisher;
import io.eventmonitoring.bridge.silence.FailingSilences;
import io.eventmonitoring.bridge.silence.SilenceStore;
import io.eventmonitoring.bridge.support.Events;
import io.eventmonitoring.bridge.support.InjectSlack;
import io.eventmonitoring.bridge.support.SlackWireMockResource;
import io.eventmonitoring.events.CloudEvent;
import io.eventmonitoring.events.EventType;
import io.eventmonitoring.events.Topics;
import io.eventmonitoring.testing.KafkaCluster;
import io.eventmonitoring.testing.KafkaClusterResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusMock;
import io.quarkus.test.junit.QuarkusTest;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Whatever fails for one event affects that event only. A bug is played by silences that throw for one event, which
 * needs the app's beans: not part of BridgeTest, which BridgeIT reruns against the packaged app.
 */
@QuarkusTest
@WithTestResource(KafkaClusterResource.class)
@WithTestResource(SlackWireMockResource.class)
class RoutingIsolationTest {

    @InjectSlack
    WireMockServer slack;

    @Test
    void anEventThatRoutingFailsOnIsDeadLetteredAloneAndRoutingGoesOn() {
        String poison = "poison-" + UUID.randomUUID();
        QuarkusMock.installMockForType(new FailingSilences(poison), SilenceStore.class);
        CloudEvent event = Events.event(EventType.USER_SIGNED_UP, poison);
        Events.send(event);

        String marker = UUID.randomUUID().toString();
        Events.send(Events.event(EventType.USER_SIGNED_UP, marker));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            List<ConsumerRecord<String, String>> deadLetters = KafkaCluster.shared().readAll(Topics.BUSINESS_EVENTS_DLQ)
                    .stream().filter(r -> r.value() != null && r.value().contains(poison)).toList();
            assertThat(deadLetters).hasSize(1);
            assertThat(header(deadLetters.get(0), DeadLetterPublisher.CAUSE)).isEqualTo(DeadLetterPublisher.CAUSE_FAILED);
            assertThat(header(deadLetters.get(0), DeadLetterPublisher.REASON)).contains("a bug in silences");
        });
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> slack.verify(1,
                postRequestedFor(urlPathEqualTo(SlackWireMockResource.path("user"))).withRequestBody(containing(marker))));
        slack.verify(0, postRequestedFor(urlPathEqualTo(SlackWireMockResource.path("user"))).withRequestBody(containing(poison)));
        given().when().get("/q/health/live").then().statusCode(200);
    }

    private static String header(ConsumerRecord<String, String> record, String name) {
        return new String(record.headers().lastHeader(name).value(), StandardCharsets.UTF_8);
    }
}
