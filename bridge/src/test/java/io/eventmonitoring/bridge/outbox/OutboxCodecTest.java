package io.eventmonitoring.bridge.outbox;

import io.eventmonitoring.events.EventType;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class OutboxCodecTest {

    @Test
    void notificationsComeBackAsTheyWereWithEachEventsTextUnchanged() {
        String tricky = "{\"specversion\":\"1.0\", \"id\":\"e-1\",\"type\":\"order.created\",\"data\":{\"note\":"
                + "\"quotes \\\" braces {}[] newline \\n unicode \\u00e9 é 🚀\",\"nested\":[{\"a\":[1,2,{}]}]}}";
        List<Notification> notifications = List.of(
                notification("e-1", tricky),
                TestNotifications.notification("order", EventType.ORDER_RETURNED, "second"));

        OutboxRecord decoded = OutboxCodec.decode(OutboxCodec.encode(new OutboxRecord(notifications)));

        assertThat(decoded.notifications()).containsExactlyElementsOf(notifications);
        assertThat(decoded.notifications().get(0).event()).isEqualTo(tricky);
    }

    @Test
    void aRecordLongerThanTheParsersBufferIsReadWhole() {
        List<Notification> notifications = new ArrayList<>();
        for (int i = 0; i < 500; i++) {
            notifications.add(TestNotifications.notification("order", EventType.ORDER_CREATED, "marker-" + i));
        }
        String value = OutboxCodec.encode(new OutboxRecord(notifications));
        assertThat(value.length()).isGreaterThan(100_000);

        assertThat(OutboxCodec.decode(value).notifications()).containsExactlyElementsOf(notifications);
    }

    @Test
    void whatIsNotAnOutboxRecordIsRefusedWithTheReason() {
        assertThatThrownBy(() -> OutboxCodec.decode("not json")).hasMessageStartingWith("not JSON");
        assertThatThrownBy(() -> OutboxCodec.decode("[1]")).hasMessage("expected an object, found START_ARRAY");
        assertThatThrownBy(() -> OutboxCodec.decode("{\"notifications\":{}}"))
                .hasMessage("expected notifications as an array, found START_OBJECT");
        assertThatThrownBy(() -> OutboxCodec.decode("{\"notifications\":[{\"eventId\":\"e\",\"route\":\"r\"}]}"))
                .hasMessage("a notification lacks eventId, route, channel, type, severity or event");
        assertThatThrownBy(() -> OutboxCodec.decode("{\"notifications\":[{\"eventId\":\"e\",\"route\":\"r\",\"channel\":\"c\",\"event\":{}}]}"))
                .hasMessage("a notification lacks eventId, route, channel, type, severity or event");
        assertThatThrownBy(() -> OutboxCodec.decode("{\"notifications\":[{\"eventId\":\"e\",\"route\":\"r\",\"channel\":\"c\",\"type\":\"t\",\"severity\":\"info\",\"event\":[]}]}"))
                .hasMessage("expected an event as an object, found START_ARRAY");
    }

    private static Notification notification(String id, String event) {
        return new Notification(id, "orders", "order", "order:1", "order.created", "info", event, "business-events", 3, 42);
    }
}
