package io.eventmonitoring.testing;

import io.eventmonitoring.events.CloudEvent;
import io.eventmonitoring.events.CloudEventCodec;
import io.eventmonitoring.events.Topics;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.awaitility.Awaitility;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/** What is on {@code business-events} of the shared cluster, by event id. */
public final class BusinessEvents {

    /** A record with its decoded value. */
    public record Recorded(ConsumerRecord<String, String> record, CloudEvent event) {
    }

    private BusinessEvents() {
    }

    /** Every event now on the topic, by id; fails if a record is not a CloudEvent or an id appears twice. */
    public static Map<String, Recorded> byId() {
        Map<String, Recorded> events = new LinkedHashMap<>();
        for (ConsumerRecord<String, String> record : KafkaCluster.shared().readAll(Topics.BUSINESS_EVENTS)) {
            CloudEvent event = CloudEventCodec.decode(record.value());
            Recorded previous = events.put(event.id(), new Recorded(record, event));
            if (previous != null) {
                throw new AssertionError("event " + event.id() + " is on " + Topics.BUSINESS_EVENTS + " twice: at "
                        + previous.record().partition() + "/" + previous.record().offset() + " and "
                        + record.partition() + "/" + record.offset());
            }
        }
        return events;
    }

    /**
     * The event with that id, as a read-committed consumer sees it. A 202 comes once the transaction is committed;
     * the commit markers that make it readable follow within moments, so this waits a few seconds at most.
     */
    public static Recorded withId(String eventId) {
        return Awaitility.await("event " + eventId + " on " + Topics.BUSINESS_EVENTS).atMost(Duration.ofSeconds(10))
                .pollInterval(Duration.ofMillis(50))
                .until(() -> byId().get(eventId), Objects::nonNull);
    }
}
