package io.eventmonitoring.bridge.outbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.eventmonitoring.events.CloudEvent;
import io.eventmonitoring.events.CloudEventCodec;
import io.eventmonitoring.events.MalformedEventException;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The outbox carries any notifications through unchanged, and a value it cannot read is a reason, not a crash. */
class OutboxCodecPropertyTest {

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    @Property(tries = 1000)
    void anyNotificationsComeBackAsTheyWere(@ForAll("notifications") List<Notification> notifications) {
        assertThat(OutboxCodec.decode(OutboxCodec.encode(new OutboxRecord(notifications))).notifications())
                .containsExactlyElementsOf(notifications);
    }

    /** The delivery stage dead-letters what decode rejects; anything else it throws would be a bug in the codec. */
    @Property(tries = 2000)
    void anyValueIsARecordOrARejection(@ForAll("values") String value) {
        try {
            OutboxCodec.decode(value);
        } catch (IllegalArgumentException rejected) {
            assertThat(rejected.getMessage()).isNotBlank();
        }
    }

    /**
     * Whatever the routing stage accepts as an event must travel through the outbox: one bad event must not make its
     * whole outbox record, and the other events in it, unreadable.
     */
    @Property(tries = 1000)
    void anyAcceptedEventTravelsThroughTheOutbox(@ForAll("eventTexts") String text) {
        CloudEvent event;
        try {
            event = CloudEventCodec.decode(text);
        } catch (MalformedEventException rejected) {
            return;
        }
        Notification notification = new Notification(event.id(), "r", "c", null, event.type(), "info", text, null, 0, 0);
        Notification other = new Notification("other", "r", "c", null, "t", "info", "{}", null, 0, 1);

        OutboxRecord decoded = OutboxCodec.decode(OutboxCodec.encode(new OutboxRecord(List.of(notification, other))));

        assertThat(decoded.notifications()).hasSize(2);
        assertThat(CloudEventCodec.decode(decoded.notifications().get(0).event())).isEqualTo(event);
        assertThat(decoded.notifications().get(1)).isEqualTo(other);
    }

    @Provide
    Arbitrary<String> eventTexts() {
        String valid = "{\"specversion\":\"1.0\",\"id\":\"e\",\"source\":\"/x\",\"type\":\"order.created\"}";
        return Arbitraries.of("", " ", "\n", " x", "]", "}", "{}", ",\"a\":1}", "garbage", "[", "\"")
                .list().ofMaxSize(3).map(suffix -> valid + String.join("", suffix));
    }

    @Provide
    Arbitrary<List<Notification>> notifications() {
        Arbitrary<String> any = Arbitraries.strings().ofMaxLength(30);
        Arbitrary<String> required = Arbitraries.strings().ofMinLength(1).ofMaxLength(30);
        Arbitrary<String> event = Arbitraries.maps(any, Arbitraries.oneOf(any.map(JSON::textNode),
                        Arbitraries.longs().map(JSON::numberNode), Arbitraries.just(JSON.objectNode().putArray("x").add("y"))))
                .ofMaxSize(5).map(fields -> {
                    ObjectNode node = JSON.objectNode();
                    fields.forEach((k, v) -> node.set(k, (JsonNode) v));
                    return node.toString();
                });
        Arbitrary<Notification> notification = Combinators.combine(
                        Combinators.combine(required, required, required, any.injectNull(0.2), required, required).as(Arrays::asList),
                        event, any.injectNull(0.2), Arbitraries.integers().between(-1, 1000), Arbitraries.longs().between(-1, Long.MAX_VALUE))
                .as((ids, json, topic, partition, offset) -> new Notification(ids.get(0), ids.get(1), ids.get(2),
                        ids.get(3), ids.get(4), ids.get(5), json, topic, partition, offset));
        return notification.list().ofMinSize(1).ofMaxSize(10);
    }

    @Provide
    Arbitrary<String> values() {
        Arbitrary<String> fragments = Arbitraries.of("{", "}", "[", "]", ",", ":", "\"notifications\"", "\"eventId\"",
                "\"route\"", "\"channel\"", "\"event\"", "\"type\"", "\"severity\"", "\"sourcePartition\"", "\"x\"", "1",
                "99999999999999999999", "null", "{}", "[]", "\"\"", "true");
        return Arbitraries.oneOf(Arbitraries.strings().ofMaxLength(100),
                fragments.list().ofMaxSize(30).map(parts -> String.join("", parts)),
                fragments.list().ofMaxSize(20).map(parts -> "{\"notifications\":[{" + String.join("", parts)));
    }
}
