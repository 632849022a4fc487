package io.eventmonitoring.chaos;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.eventmonitoring.events.Topics;
import io.eventmonitoring.chaos.ChaosReport.DeadLetter;
import io.eventmonitoring.chaos.ChaosReport.Event;
import io.eventmonitoring.process.kafka.KafkaCluster;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.StringDeserializer;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** What Kafka holds after a run, read as the bridge and Logstash read it (committed only), and the bridge's progress. */
final class DurableRecords {

    /** As the bridge names its consumer groups. */
    private static final String ROUTER_GROUP = "bridge-router";
    private static final String DELIVERY_GROUP = "bridge-delivery";
    /** As the bridge's dead-letter publisher names the header. */
    private static final String DLQ_CHANNEL = "dlq-channel";
    private static final Duration READ_TIMEOUT = Duration.ofMinutes(2);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final String bootstrapServers;
    /** business-events' ends when {@link #afterLastEvent} was found; nothing writes to it once the load stopped. */
    private Map<TopicPartition, Long> eventEnds = Map.of();
    private Map<TopicPartition, Long> afterLastEvent = Map.of();

    DurableRecords(String bootstrapServers) {
        this.bootstrapServers = bootstrapServers;
    }

    /** Every event, with the channel of the bridge's default routes (its domain) and the load's marker in its data. */
    List<Event> events() {
        return read(Topics.BUSINESS_EVENTS).stream().map(record -> {
            JsonNode event = json(record.value());
            String type = event.path("type").asText("");
            JsonNode data = event.path("data");
            String marker = data.hasNonNull("email") ? data.path("email").asText() : data.path("customerId").asText(null);
            return new Event(event.path("id").asText(null),
                    type.contains(".") ? type.substring(0, type.indexOf('.')) : type, marker);
        }).toList();
    }

    List<DeadLetter> deadLetters() {
        return read(Topics.BUSINESS_EVENTS_DLQ).stream().map(record -> {
            Header channel = record.headers().lastHeader(DLQ_CHANNEL);
            return new DeadLetter(json(record.value()).path("id").asText(null),
                    channel == null ? null : new String(channel.value(), StandardCharsets.UTF_8));
        }).toList();
    }

    int silences() {
        return read(Topics.BRIDGE_SILENCES).size();
    }

    /**
     * True when no transaction is open on business-events and the bridge has committed its way past the last event
     * of business-events (routing) and to the end of bridge-outbox (delivery, which commits only what Slack
     * accepted or what it dead-lettered). The routing stage commits the offset after its last record; a
     * transaction's commit marker takes an offset after that, so the last event, not the end, is the mark.
     */
    boolean bridgeCaughtUp(Admin admin) {
        Map<TopicPartition, Long> ends = ends(admin, Topics.BUSINESS_EVENTS, IsolationLevel.READ_UNCOMMITTED);
        if (!ends.equals(ends(admin, Topics.BUSINESS_EVENTS, IsolationLevel.READ_COMMITTED))) {
            return false;
        }
        if (!ends.equals(eventEnds)) {
            Map<TopicPartition, Long> after = new HashMap<>();
            read(Topics.BUSINESS_EVENTS).forEach(r -> after.merge(new TopicPartition(r.topic(), r.partition()),
                    r.offset() + 1, Math::max));
            eventEnds = ends;
            afterLastEvent = after;
        }
        return committedUpTo(admin, ROUTER_GROUP, afterLastEvent)
                && committedUpTo(admin, DELIVERY_GROUP, ends(admin, Topics.BRIDGE_OUTBOX, IsolationLevel.READ_COMMITTED));
    }

    private static boolean committedUpTo(Admin admin, String group, Map<TopicPartition, Long> ends) {
        Map<TopicPartition, OffsetAndMetadata> committed = KafkaCluster.await(admin.listConsumerGroupOffsets(group)
                .partitionsToOffsetAndMetadata(), 10, "the offsets of " + group);
        return ends.entrySet().stream().allMatch(end -> end.getValue() == 0
                || (committed.get(end.getKey()) != null && committed.get(end.getKey()).offset() >= end.getValue()));
    }

    private static Map<TopicPartition, Long> ends(Admin admin, String topic, IsolationLevel isolation) {
        Map<TopicPartition, OffsetSpec> latest = KafkaCluster.await(admin.describeTopics(List.of(topic)).allTopicNames(),
                10, "describing " + topic).get(topic).partitions().stream().collect(Collectors.toMap(
                        p -> new TopicPartition(topic, p.partition()), p -> OffsetSpec.latest()));
        return KafkaCluster.await(admin.listOffsets(latest, new ListOffsetsOptions(isolation)).all(), 10,
                "the ends of " + topic).entrySet().stream()
                .collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().offset()));
    }

    private List<ConsumerRecord<String, String>> read(String topic) {
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.<String, Object>of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers, ConsumerConfig.ISOLATION_LEVEL_CONFIG,
                "read_committed", ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 5000),
                new StringDeserializer(), new StringDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(p -> new TopicPartition(topic, p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            List<ConsumerRecord<String, String>> records = new ArrayList<>();
            long deadline = System.nanoTime() + READ_TIMEOUT.toNanos();
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("could not read " + topic + " to its end in "
                            + READ_TIMEOUT.toSeconds() + " s");
                }
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
            }
            return records;
        }
    }

    /** The JSON of a record or an answer; a null node when it is none. */
    static JsonNode json(String value) {
        try {
            return value == null ? JSON.nullNode() : JSON.readTree(value);
        } catch (IOException e) {
            return JSON.nullNode();
        }
    }
}
