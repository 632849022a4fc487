package io.eventmonitoring.bridge.status;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.eventmonitoring.bridge.silence.Silence;
import io.eventmonitoring.bridge.silence.SilenceRule;
import io.eventmonitoring.events.CloudEvent;
import io.eventmonitoring.events.EventType;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

class RecentEventsTest {

    private static final Instant NOW = Instant.parse("2026-11-29T20:00:00Z");
    private static final List<RecentEvents.Routed> ORDERS = List.of(new RecentEvents.Routed("orders", "order"));

    @Test
    void aPreviewCountsTheEventsOfTheWindowTheSilenceMatchesNewestFirst() {
        RecentEvents window = new RecentEvents(Duration.ofHours(1), 1000, 1_000_000);
        window.add(event(EventType.ORDER_CREATED, "gold"), ORDERS, NOW.minus(Duration.ofMinutes(90)), 100);
        CloudEvent older = event(EventType.ORDER_CREATED, "gold");
        window.add(older, ORDERS, NOW.minus(Duration.ofMinutes(50)), 100);
        window.add(event(EventType.ORDER_CREATED, "silver"), ORDERS, NOW.minus(Duration.ofMinutes(40)), 100);
        window.add(event(EventType.ORDER_CANCELLED, "gold"), ORDERS, NOW.minus(Duration.ofMinutes(30)), 100);
        CloudEvent newest = event(EventType.ORDER_CREATED, "gold");
        window.add(newest, List.of(new RecentEvents.Routed("vip", "oncall"), ORDERS.get(0)), NOW.minusSeconds(5), 100);

        RecentEvents.Preview preview = window.preview(rule(new Silence.Matchers(null, "order.created", null, null, null,
                Map.of("customer.tier", "g*"), null)), NOW);

        assertThat(preview.matched()).isEqualTo(2);
        assertThat(preview.examined()).isEqualTo(4);
        assertThat(preview.from()).isEqualTo(NOW.minus(Duration.ofMinutes(50)));
        assertThat(preview.examples()).extracting(RecentEvents.Example::id).containsExactly(newest.id(), older.id());
        assertThat(preview.examples().get(0).routes()).containsExactly("vip", "orders");

        RecentEvents.Preview oncall = window.preview(rule(new Silence.Matchers(null, null, null, null, "oncall", null, null)), NOW);
        assertThat(oncall.matched()).isEqualTo(1);
        assertThat(oncall.examples().get(0).routes()).containsExactly("vip");
    }

    @Test
    void theWindowIsBoundedByCountAndBySize() {
        RecentEvents byCount = new RecentEvents(Duration.ofHours(1), 3, 1_000_000);
        RecentEvents bySize = new RecentEvents(Duration.ofHours(1), 1000, 250);
        for (int i = 0; i < 10; i++) {
            byCount.add(event(EventType.ORDER_CREATED, "gold"), ORDERS, NOW.minusSeconds(10 - i), 100);
            bySize.add(event(EventType.ORDER_CREATED, "gold"), ORDERS, NOW.minusSeconds(10 - i), 100);
        }
        bySize.add(event(EventType.ORDER_CREATED, "gold"), ORDERS, NOW, 251);
        SilenceRule orders = rule(new Silence.Matchers("order", null, null, null, null, null, null));

        assertThat(byCount.preview(orders, NOW).examined()).isEqualTo(3);
        assertThat(byCount.preview(orders, NOW).from()).isEqualTo(NOW.minusSeconds(3));
        assertThat(bySize.preview(orders, NOW).examined()).isEqualTo(2);
        assertThat(bySize.preview(orders, NOW.plus(Duration.ofHours(2))).examined()).isZero();
    }

    private static CloudEvent event(EventType type, String tier) {
        return CloudEvent.of(type, "42", JsonNodeFactory.instance.objectNode()
                .set("customer", JsonNodeFactory.instance.objectNode().put("tier", tier)));
    }

    private static SilenceRule rule(Silence.Matchers matchers) {
        return SilenceRule.compile(new Silence(UUID.randomUUID().toString(), matchers, NOW.plusSeconds(3600), null, null, NOW));
    }
}
