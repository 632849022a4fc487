package io.eventmonitoring.bridge.delivery;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.eventmonitoring.bridge.outbox.Notification;
import io.eventmonitoring.bridge.outbox.TestNotifications;
import io.eventmonitoring.bridge.slack.SlackLimits;
import io.eventmonitoring.bridge.slack.SlackMessage;
import io.eventmonitoring.events.CloudEvent;
import io.eventmonitoring.events.CloudEventCodec;
import io.eventmonitoring.events.EventType;
import io.eventmonitoring.events.Severity;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class MessageRendererTest {

    private final MessageRenderer renderer = TestChannels.renderer();
    private final ChannelLane orders = TestChannels.channel("order", Duration.ofSeconds(1));

    @Test
    void singleEventUsesItsDomainTemplateAndBlockKit() {
        ObjectNode data = JsonNodeFactory.instance.objectNode().put("customerId", "c-42");
        data.putArray("items").addObject().put("sku", "BOOK-1").put("quantity", 2).put("unitPrice", 12.5);
        Notification notification = TestNotifications.notification("order", EventType.ORDER_CREATED, data);

        SlackMessage message = renderer.single(orders, notification);

        assertThat(message.text()).contains("*order.created*", "order `subject-1`", "Customer `c-42`", "2 × `BOOK-1` at 12.5");
        assertThat(message.blocks()).extracting(SlackMessage.Block::type).containsExactly("section", "context");
        assertThat(message.blocks().get(1).elements().get(0).text())
                .contains("*info*", "order.created", "route order-route", "id " + notification.eventId());
    }

    @Test
    void anEventOfADomainWithoutATemplateGetsTheGenericOneWithItsTypeSubjectAndAFewAttributes() {
        ObjectNode data = JsonNodeFactory.instance.objectNode().put("amount", "12.50").put("currency", "EUR");
        for (int i = 0; i < 10; i++) {
            data.put("extra" + i, "v" + i);
        }
        CloudEvent event = new CloudEvent(CloudEvent.SPEC_VERSION, "p-1", "/domain-payment", "payment.captured",
                "pay-7", null, CloudEvent.JSON, Severity.INFO, data);
        Notification notification = new Notification(event.id(), "payments", "order", event.key(), event.type(),
                event.severity().value(), CloudEventCodec.encode(event), "business-events", 0, 1);

        SlackMessage message = renderer.single(orders, notification);

        assertThat(message.text()).contains("*payment.captured*", "`pay-7`", "*amount*: 12.50", "*currency*: EUR")
                .doesNotContain("extra9");
        assertThat(message.blocks().get(1).elements().get(0).text()).contains("payment.captured", "id p-1");
    }

    @Test
    void withoutASubjectTheGenericTemplateShowsTheKey() {
        CloudEvent event = new CloudEvent(CloudEvent.SPEC_VERSION, "p-2", "/domain-payment", "payment.refunded",
                null, null, CloudEvent.JSON, Severity.INFO, null);
        Notification notification = new Notification(event.id(), "payments", "order", "payment:pay-8", event.type(),
                event.severity().value(), CloudEventCodec.encode(event), "business-events", 0, 2);

        assertThat(renderer.single(orders, notification).text()).contains("*payment.refunded*", "`payment:pay-8`");
    }

    @Test
    void aRouteTemplateWinsAndMissingFieldsRenderEmpty() {
        MessageRenderer custom = new MessageRenderer(TestChannels.MAPPER,
                Map.of("order-route", TestChannels.ENGINE.parse("{event.type} for {data.customerId}{data.nothing}!")),
                domain -> Optional.empty(), TestChannels.template("event"));
        Notification notification = TestNotifications.notification("order", EventType.ORDER_CANCELLED,
                JsonNodeFactory.instance.objectNode().put("customerId", "c-7"));

        assertThat(custom.single(orders, notification).text()).isEqualTo("order.cancelled for c-7!");
    }

    @Test
    void aTemplateThatFailsStillYieldsAMessage() {
        MessageRenderer broken = new MessageRenderer(TestChannels.MAPPER,
                Map.of("order-route", TestChannels.ENGINE.parse("{#for x in data.customerId}{x.y.z}{/for}")),
                domain -> Optional.empty(), TestChannels.template("event"));
        Notification notification = TestNotifications.notification("order", EventType.ORDER_CANCELLED,
                JsonNodeFactory.instance.objectNode().put("customerId", "c-7"));

        assertThat(broken.single(orders, notification).text()).contains("*order.cancelled*", "c-7");
    }

    @Test
    void anEventThatIsNotJsonStillYieldsAMessageFromWhatItsNotificationKnows() {
        Notification notification = new Notification("e-broken", "order-route", "order", "order:1", "order.returned",
                "critical", "{not json", "business-events", 0, 9);

        SlackMessage message = renderer.single(orders, notification);

        assertThat(message.blocks().get(1).elements().get(0).text())
                .contains("*critical*", "order.returned", "route order-route", "id e-broken");
    }

    @Test
    void digestCountsEveryEventByTypeAndSeverityAndShowsTheLatestFew() {
        List<Notification> burst = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            burst.add(TestNotifications.notification("order", EventType.ORDER_CREATED, "created-" + i));
        }
        for (int i = 0; i < 3; i++) {
            burst.add(TestNotifications.notification("order", EventType.ORDER_RETURNED, "returned-" + i));
        }

        SlackMessage digest = renderer.digest(orders, burst);

        assertThat(digest.text()).contains("10 events", "order.created × 7", "order.returned × 3");
        String all = blocksText(digest);
        assertThat(all).contains("`order.created` × 7", "`order.returned` × 3", "`info` × 7", "`critical` × 3",
                "Latest 3 of 10");
        assertThat(all).contains("returned-0", "returned-1", "returned-2").doesNotContain("created-6");
    }

    @Test
    void oversizedContentIsTruncatedWithAVisibleMarkerWithinSlackLimits() {
        String huge = "x".repeat(50_000);
        Notification notification = TestNotifications.notification("order", EventType.ORDER_CREATED, huge);
        ChannelLane wide = new ChannelLane("order", orders.destination(), orders.minInterval(), Optional.empty(), 10);

        SlackMessage single = renderer.single(wide, notification);
        assertThat(single.text()).hasSizeLessThanOrEqualTo(SlackLimits.MAX_TEXT).endsWith(SlackLimits.MARKER);
        assertThat(single.blocks().get(0).text().text())
                .hasSize(SlackLimits.MAX_SECTION_TEXT).endsWith(SlackLimits.MARKER);

        List<Notification> burst = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            burst.add(notification);
        }
        SlackMessage digest = renderer.digest(wide, burst);
        assertThat(digest.blocks()).hasSizeLessThanOrEqualTo(SlackLimits.MAX_BLOCKS);
        digest.blocks().stream().filter(b -> b.text() != null)
                .forEach(b -> assertThat(b.text().text()).hasSizeLessThanOrEqualTo(SlackLimits.MAX_SECTION_TEXT));
    }

    @Test
    void blockCountBeyondFiftyIsCutWithAMarkerBlock() {
        List<SlackMessage.Block> blocks = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            blocks.add(SlackMessage.Block.section("block " + i));
        }

        SlackMessage enforced = SlackLimits.enforce(new SlackMessage("t", blocks));

        assertThat(enforced.blocks()).hasSize(50);
        assertThat(enforced.blocks().get(49).elements().get(0).text()).isEqualTo("… (truncated: 11 more blocks not shown)");
    }

    @Test
    void payloadIsSlackShapedJson() {
        JsonNode json = TestChannels.MAPPER.valueToTree(
                renderer.single(orders, TestNotifications.notification("order", EventType.ORDER_CREATED, "m")));

        assertThat(json.has("text")).isTrue();
        assertThat(json.path("blocks").get(0).path("text").path("type").asText()).isEqualTo("mrkdwn");
        assertThat(json.path("blocks").get(1).has("text")).isFalse();
    }

    private static String blocksText(SlackMessage message) {
        StringBuilder all = new StringBuilder();
        for (SlackMessage.Block block : message.blocks()) {
            if (block.text() != null) {
                all.append(block.text().text()).append('\n');
            }
            block.elements().forEach(e -> all.append(e.text()).append('\n'));
        }
        return all.toString();
    }
}
