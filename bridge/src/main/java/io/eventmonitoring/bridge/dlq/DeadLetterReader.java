package io.eventmonitoring.bridge.dlq;

import com.fasterxml.jackson.databind.JsonNode;
import io.eventmonitoring.events.CloudEventCodec;
import io.eventmonitoring.events.MalformedEventException;
import io.eventmonitoring.events.Topics;
import io.smallrye.common.annotation.Identifier;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.StringDeserializer;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/** Reads the dead-letter topic by partition assignment: reading it commits nothing and joins no group. */
@ApplicationScoped
public class DeadLetterReader {

    /** How many dead letters one listing reads at most, matching or not: the bound on how far back a page looks. */
    public static final int SCAN_LIMIT = 10_000;
    /** Dead letters read from a partition at once, going back; each may hold an event of up to 1 MB. */
    private static final int CHUNK = 100;
    private static final Duration READ_TIMEOUT = Duration.ofSeconds(10);
    /** Newest first: by the dead letter's timestamp, then by offset within a partition. */
    private static final Comparator<DeadLetter> NEWEST_FIRST = Comparator.comparing(DeadLetter::timestamp)
            .thenComparingLong(DeadLetter::offset).reversed();

    private final Map<String, Object> kafkaConfig;
    private final ReplayMarks marks;

    DeadLetterReader(@Identifier("default-kafka-broker") Map<String, Object> kafkaConfig, ReplayMarks marks) {
        this.kafkaConfig = kafkaConfig;
        this.marks = marks;
    }

    /**
     * A page of a listing, and where the next one starts ({@code nextCursor}, null when the topic was read to its
     * beginning).
     */
    public record Page(List<DeadLetter> deadLetters, String nextCursor, int scanned, int scanLimit) {
    }

    /**
     * Up to {@code limit} dead letters that match, newest first across partitions, reading at most {@link #SCAN_LIMIT}:
     * each partition is read backwards, a chunk at a time, and the partitions merged by timestamp.
     */
    public Page page(DeadLetterFilter filter, int limit, Optional<DeadLetterCursor> cursor) {
        // Until the marks are read, a replayed dead letter would show as not replayed.
        marks.whenLoaded().await().atMost(READ_TIMEOUT);
        try (KafkaConsumer<String, String> consumer = consumer()) {
            List<TopicPartition> partitions = partitions(consumer);
            Map<TopicPartition, Long> begin = consumer.beginningOffsets(partitions, READ_TIMEOUT);
            marks.forgetBefore(toPartitions(begin));
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions, READ_TIMEOUT);
            Map<TopicPartition, Long> unread = new HashMap<>();
            Map<TopicPartition, Long> before = new HashMap<>();
            Map<TopicPartition, Deque<DeadLetter>> heads = new HashMap<>();
            for (TopicPartition partition : partitions) {
                long upper = cursor.map(c -> c.before().get(partition.partition())).map(o -> Math.min(o, end.get(partition)))
                        .orElse(end.get(partition));
                unread.put(partition, Math.max(begin.get(partition), upper));
                before.put(partition, unread.get(partition));
                heads.put(partition, new ArrayDeque<>());
            }
            List<DeadLetter> page = new ArrayList<>();
            int scanned = 0;
            boolean exhausted = false;
            while (page.size() < limit && scanned < SCAN_LIMIT) {
                TopicPartition newest = null;
                for (TopicPartition partition : partitions) {
                    Deque<DeadLetter> head = heads.get(partition);
                    if (head.isEmpty() && unread.get(partition) > begin.get(partition)) {
                        long to = unread.get(partition);
                        long from = Math.max(begin.get(partition), to - CHUNK);
                        read(consumer, partition, from, to, head::addFirst);
                        unread.put(partition, from);
                    }
                    if (!head.isEmpty() && (newest == null
                            || NEWEST_FIRST.compare(head.peekFirst(), heads.get(newest).peekFirst()) < 0)) {
                        newest = partition;
                    }
                }
                if (newest == null) {
                    exhausted = true;
                    break;
                }
                DeadLetter letter = heads.get(newest).pollFirst();
                scanned++;
                before.put(newest, letter.offset());
                if (filter.matches(letter)) {
                    page.add(letter);
                }
            }
            // Offsets below a cursor may hold no record at all (markers, compaction): read to the end, there is no more.
            boolean more = !exhausted && partitions.stream().anyMatch(p -> before.get(p) > begin.get(p));
            String next = more ? new DeadLetterCursor(toPartitions(before)).encode() : null;
            return new Page(page, next, scanned, SCAN_LIMIT);
        }
    }

    /** Every dead letter that matches, oldest first per partition: for bulk replays, which consider the whole topic. */
    public void forEach(DeadLetterFilter filter, Consumer<DeadLetter> action) {
        marks.whenLoaded().await().atMost(READ_TIMEOUT);
        try (KafkaConsumer<String, String> consumer = consumer()) {
            List<TopicPartition> partitions = partitions(consumer);
            Map<TopicPartition, Long> begin = consumer.beginningOffsets(partitions, READ_TIMEOUT);
            marks.forgetBefore(toPartitions(begin));
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions, READ_TIMEOUT);
            for (TopicPartition partition : partitions) {
                read(consumer, partition, begin.get(partition), end.get(partition), letter -> {
                    if (filter.matches(letter)) {
                        action.accept(letter);
                    }
                });
            }
        }
    }

    public Optional<DeadLetter> read(int partition, long offset) {
        try (KafkaConsumer<String, String> consumer = consumer()) {
            TopicPartition topicPartition = new TopicPartition(Topics.BUSINESS_EVENTS_DLQ, partition);
            if (partitions(consumer).stream().noneMatch(topicPartition::equals) || offset < 0) {
                return Optional.empty();
            }
            List<DeadLetter> found = new ArrayList<>();
            read(consumer, topicPartition, offset, offset + 1, found::add);
            return found.stream().filter(letter -> letter.offset() == offset).findFirst();
        }
    }

    /**
     * Reads offsets [from, to) of a partition, in order, up to the topic's end. Kafka too slow to answer is an error,
     * not a shorter listing that would look complete.
     */
    private void read(KafkaConsumer<String, String> consumer, TopicPartition partition, long from, long to,
                      Consumer<DeadLetter> action) {
        consumer.assign(List.of(partition));
        consumer.seek(partition, from);
        long end = Math.min(to, consumer.endOffsets(List.of(partition), READ_TIMEOUT).get(partition));
        long deadline = System.nanoTime() + READ_TIMEOUT.toNanos();
        while (consumer.position(partition) < end) {
            if (System.nanoTime() > deadline) {
                throw new UnreadableException("could not read " + partition + " from offset " + from + " to " + end
                        + " within " + READ_TIMEOUT.toSeconds() + " s");
            }
            for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
                if (record.offset() < end) {
                    action.accept(toDeadLetter(record));
                }
            }
        }
    }

    /** The dead-letter topic could not be read in time: try again. */
    public static class UnreadableException extends RuntimeException {
        UnreadableException(String message) {
            super(message);
        }
    }

    private static List<TopicPartition> partitions(KafkaConsumer<String, String> consumer) {
        return consumer.partitionsFor(Topics.BUSINESS_EVENTS_DLQ, READ_TIMEOUT).stream()
                .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
    }

    private static Map<Integer, Long> toPartitions(Map<TopicPartition, Long> offsets) {
        Map<Integer, Long> byPartition = new HashMap<>();
        offsets.forEach((partition, offset) -> byPartition.put(partition.partition(), offset));
        return byPartition;
    }

    private KafkaConsumer<String, String> consumer() {
        Map<String, Object> config = new HashMap<>(kafkaConfig);
        config.remove(ConsumerConfig.GROUP_ID_CONFIG);
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        config.put(ConsumerConfig.CLIENT_ID_CONFIG, "bridge-dlq-reader");
        config.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, CHUNK);
        return new KafkaConsumer<>(config, new StringDeserializer(), new StringDeserializer());
    }

    private DeadLetter toDeadLetter(ConsumerRecord<String, String> record) {
        return new DeadLetter(record.partition(), record.offset(), Instant.ofEpochMilli(record.timestamp()), record.key(),
                header(record, DeadLetterPublisher.REASON), header(record, DeadLetterPublisher.CAUSE),
                header(record, DeadLetterPublisher.CHANNEL), header(record, DeadLetterPublisher.ROUTE),
                type(record.value()),
                header(record, DeadLetterPublisher.SOURCE_TOPIC), header(record, DeadLetterPublisher.SOURCE_PARTITION),
                header(record, DeadLetterPublisher.SOURCE_OFFSET),
                marks.replayedAt(record.partition(), record.offset()).orElse(null), record.value());
    }

    /** The event's type, when the dead letter is JSON with a textual one; a malformed record has none. */
    private static String type(String value) {
        try {
            JsonNode type = CloudEventCodec.parse(value).get("type");
            return type != null && type.isTextual() ? type.textValue() : null;
        } catch (MalformedEventException e) {
            return null;
        }
    }

    private static String header(ConsumerRecord<String, String> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }
}
