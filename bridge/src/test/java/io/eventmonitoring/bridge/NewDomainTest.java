package io.eventmonitoring.bridge;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import io.eventmonitoring.bridge.support.Events;
import io.eventmonitoring.bridge.support.InjectSlack;
import io.eventmonitoring.bridge.support.ScenarioProfile;
import io.eventmonitoring.bridge.support.SlackJournal;
import io.eventmonitoring.bridge.support.SlackWireMockResource;
import io.eventmonitoring.events.CloudEvent;
import io.eventmonitoring.events.Severity;
import io.eventmonitoring.testing.KafkaClusterResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A domain service the bridge was never told about ({@code payment}) publishes on business-events: a route naming its
 * type delivers its events with the generic template, without a bridge release.
 */
@QuarkusTest
@TestProfile(ScenarioProfile.class)
@WithTestResource(KafkaClusterResource.class)
@WithTestResource(value = SlackWireMockResource.class,
        initArgs = {@ResourceArg(name = SlackWireMockResource.CHANNELS, value = ScenarioProfile.CHANNELS),
                @ResourceArg(name = SlackWireMockResource.APP_CHANNELS, value = ScenarioProfile.APP_CHANNELS)})
class NewDomainTest {

    @InjectSlack
    WireMockServer slack;

    @Test
    void anEventOfAnUnknownDomainWithAMatchingRouteIsDeliveredWithTheGenericTemplate() {
        String subject = "pay-" + UUID.randomUUID();
        ObjectNode data = JsonNodeFactory.instance.objectNode().put("amount", "12.50").put("currency", "EUR");
        CloudEvent captured = new CloudEvent(CloudEvent.SPEC_VERSION, UUID.randomUUID().toString(), "/domain-payment",
                "payment.captured", subject, Instant.now(), CloudEvent.JSON, Severity.INFO, data);
        Events.send(captured);

        await().atMost(Duration.ofSeconds(30)).until(() -> !posts(subject).isEmpty());
        List<SlackJournal.Post> posts = posts(subject);
        assertThat(posts).hasSize(1);
        assertThat(posts.get(0).text()).contains("*payment.captured*", "`" + subject + "`", "*amount*: 12.50",
                "*currency*: EUR");
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(AdminApiTest.metrics())
                .contains("eventmonitoring_bridge_received_total{domain=\"payment\"}")
                .contains("eventmonitoring_bridge_events_total{channel=\"payment\",outcome=\"posted\",route=\"payments\"}"));
    }

    private List<SlackJournal.Post> posts(String subject) {
        return SlackJournal.accepted(slack, "payment").stream().filter(p -> p.text().contains(subject)).toList();
    }
}
