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
    void aResumeRequestCarriesNoNotificationsAndIsReadAsSuch() {
        OutboxRecord request = OutboxCodec.decode(OutboxCodec.encode(OutboxRecord.resumeRequest()));

        assertThat(request.resume()).isTrue();
        assertThat(request.notifications()).isEmpty();
        assertThat(OutboxCodec.decode(OutboxCodec.encode(new OutboxRecord(List.of(notification("e", "{}"))))).resume())
                .isFalse();
    }

    @Test
    void whatIsNotAnOutboxRecordIsRefusedWithTheReason() {
        // The message becomes the dead letter's reason, for a human: only that there is one is checked.
        assertThatThrownBy(() -> OutboxCodec.decode("not json")).isInstanceOf(IllegalArgumentException.class)
                .message().isNotBlank();
        assertThatThrownBy(() -> OutboxCodec.decode("[1]")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> OutboxCodec.decode("{\"notifications\":{}}")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> OutboxCodec.decode("{\"notifications\":[{\"eventId\":\"e\",\"route\":\"r\"}]}"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> OutboxCodec.decode("{\"notifications\":[{\"eventId\":\"e\",\"route\":\"r\",\"channel\":\"c\",\"event\":{}}]}"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> OutboxCodec.decode("{\"notifications\":[{\"eventId\":\"e\",\"route\":\"r\",\"channel\":\"c\",\"type\":\"t\",\"severity\":\"info\",\"event\":[]}]}"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private static Notification notification(String id, String event) {
        return new Notification(id, "orders", "order", "order:1", "order.created", "info", event, "business-events", 3, 42);
    }
}
