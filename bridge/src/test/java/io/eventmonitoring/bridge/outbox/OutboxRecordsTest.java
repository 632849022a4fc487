package io.eventmonitoring.bridge.outbox;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class OutboxRecordsTest {

    @Test
    void aBatchBecomesOneRecordPerChannelInOrder() {
        List<Notification> batch = List.of(notification("order", "o1", 10), notification("user", "u1", 10),
                notification("order", "o2", 10));

        Map<String, List<OutboxRecord>> records = OutboxWriter.outboxRecords(batch);

        assertThat(records.keySet()).containsExactly("order", "user");
        assertThat(ids(records.get("order"))).containsExactly(List.of("o1", "o2"));
        assertThat(ids(records.get("user"))).containsExactly(List.of("u1"));
    }

    @Test
    void largeEventsAreSplitOverRecordsWithinTheBudgetKeepingOrder() {
        int third = OutboxWriter.OUTBOX_RECORD_BUDGET / 3;
        List<Notification> batch = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            batch.add(notification("order", "o" + i, third));
        }

        List<OutboxRecord> records = OutboxWriter.outboxRecords(batch).get("order");

        assertThat(ids(records)).containsExactly(List.of("o0", "o1", "o2"), List.of("o3", "o4", "o5"), List.of("o6"));
        assertThat(records).allSatisfy(record -> assertThat(record.notifications().stream()
                .mapToInt(n -> n.event().length()).sum()).isLessThanOrEqualTo(OutboxWriter.OUTBOX_RECORD_BUDGET));
    }

    @Test
    void anEventLargerThanTheBudgetTravelsAlone() {
        List<Notification> batch = List.of(notification("order", "small", 10),
                notification("order", "huge", OutboxWriter.OUTBOX_RECORD_BUDGET + 1), notification("order", "after", 10));

        assertThat(ids(OutboxWriter.outboxRecords(batch).get("order")))
                .containsExactly(List.of("small"), List.of("huge"), List.of("after"));
    }

    private static List<List<String>> ids(List<OutboxRecord> records) {
        return records.stream().map(r -> r.notifications().stream().map(Notification::eventId).toList()).toList();
    }

    private static Notification notification(String channel, String id, int eventLength) {
        return new Notification(id, channel + "-route", channel, channel + ":" + id, "order.created", "info",
                "x".repeat(eventLength), "business-events", 0, 0);
    }
}
