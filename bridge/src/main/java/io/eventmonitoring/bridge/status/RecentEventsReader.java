package io.eventmonitoring.bridge.status;

import io.eventmonitoring.bridge.kafka.TopicFollower;
import io.eventmonitoring.bridge.routing.Router;
import io.eventmonitoring.events.CloudEvent;
import io.eventmonitoring.events.CloudEventCodec;
import io.eventmonitoring.events.MalformedEventException;
import io.eventmonitoring.events.Topics;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.common.annotation.Identifier;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.common.TopicPartition;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Fills the window of recent events from business-events itself, every partition, without a consumer group: each
 * replica holds the same window, whichever partitions its routing stage has, so a silence preview counts the events of
 * the whole bridge. It reads committed transactions only, as the routing stage does, and starts a window back (at most
 * the window's count of events per partition).
 */
@ApplicationScoped
public class RecentEventsReader {

    /** Larger events are dead-lettered by the routing stage, never routed: not worth parsing here. */
    private static final int MAX_EVENT_CHARS = 1_000_000;

    private final RecentEvents window;
    private final Router router;
    private final int maxEvents;
    private final TopicFollower follower;

    RecentEventsReader(RecentEvents window, Router router, StatusConfig config,
                       @Identifier("default-kafka-broker") Map<String, Object> kafkaConfig) {
        this.window = window;
        this.router = router;
        this.maxEvents = config.windowEvents();
        Map<String, Object> committedOnly = new HashMap<>(kafkaConfig);
        committedOnly.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        this.follower = new TopicFollower(Topics.BUSINESS_EVENTS, committedOnly, this::seekToWindow, this::add);
    }

    void start(@Observes StartupEvent ignored) {
        follower.start();
    }

    void stop(@Observes ShutdownEvent ignored) {
        follower.stop();
    }

    private void seekToWindow(KafkaConsumer<String, String> consumer, List<TopicPartition> partitions) {
        long since = Instant.now().minus(window.window()).toEpochMilli();
        Map<TopicPartition, Long> times = new HashMap<>();
        partitions.forEach(p -> times.put(p, since));
        Map<TopicPartition, OffsetAndTimestamp> atTime = consumer.offsetsForTimes(times);
        Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
        for (TopicPartition partition : partitions) {
            OffsetAndTimestamp first = atTime.get(partition);
            long from = first == null ? end.get(partition) : first.offset();
            consumer.seek(partition, Math.max(from, end.get(partition) - maxEvents));
        }
    }

    /** What is not an event, the routing stage dead-letters; here it is only left out. */
    private void add(ConsumerRecord<String, String> record) {
        if (record.value() == null || record.value().length() > MAX_EVENT_CHARS) {
            return;
        }
        CloudEvent event;
        try {
            event = CloudEventCodec.decode(record.value());
        } catch (MalformedEventException e) {
            return;
        }
        window.add(event, router.routesFor(event).stream().map(r -> new RecentEvents.Routed(r.name(), r.channel())).toList(),
                Instant.ofEpochMilli(record.timestamp()), record.value().length());
    }
}
