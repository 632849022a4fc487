package io.eventmonitoring.bridge.dlq;

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
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Reads the dead-letter topic by partition assignment: listing it commits nothing and joins no group. */
@ApplicationScoped
public class DeadLetterReader {

    private static final Duration READ_TIMEOUT = Duration.ofSeconds(10);

    private final Map<String, Object> kafkaConfig;

    DeadLetterReader(@Identifier("default-kafka-broker") Map<String, Object> kafkaConfig) {
        this.kafkaConfig = kafkaConfig;
    }

    /** The latest {@code limit} dead letters of each partition, newest first. */
    public List<DeadLetter> latest(int limit) {
        try (KafkaConsumer<String, String> consumer = consumer()) {
            List<TopicPartition> partitions = consumer.partitionsFor(Topics.BUSINESS_EVENTS_DLQ, READ_TIMEOUT).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            consumer.assign(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions, READ_TIMEOUT);
            Map<TopicPartition, Long> begin = consumer.beginningOffsets(partitions, READ_TIMEOUT);
            for (TopicPartition partition : partitions) {
                consumer.seek(partition, Math.max(begin.get(partition), end.get(partition) - limit));
            }
            List<DeadLetter> letters = new ArrayList<>();
            long deadline = System.nanoTime() + READ_TIMEOUT.toNanos();
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p)) && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
                    letters.add(toDeadLetter(record));
                }
            }
            letters.sort(Comparator.comparing(DeadLetter::offset).reversed());
            return letters;
        }
    }

    public Optional<DeadLetter> read(int partition, long offset) {
        try (KafkaConsumer<String, String> consumer = consumer()) {
            TopicPartition topicPartition = new TopicPartition(Topics.BUSINESS_EVENTS_DLQ, partition);
            consumer.assign(List.of(topicPartition));
            long end = consumer.endOffsets(List.of(topicPartition), READ_TIMEOUT).get(topicPartition);
            if (offset >= end || offset < 0) {
                return Optional.empty();
            }
            consumer.seek(topicPartition, offset);
            long deadline = System.nanoTime() + READ_TIMEOUT.toNanos();
            while (System.nanoTime() < deadline) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
                    if (record.offset() == offset) {
                        return Optional.of(toDeadLetter(record));
                    }
                    if (record.offset() > offset) {
                        return Optional.empty();
                    }
                }
            }
            return Optional.empty();
        }
    }

    private KafkaConsumer<String, String> consumer() {
        Map<String, Object> config = new HashMap<>(kafkaConfig);
        config.remove(ConsumerConfig.GROUP_ID_CONFIG);
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        config.put(ConsumerConfig.CLIENT_ID_CONFIG, "bridge-dlq-reader");
        return new KafkaConsumer<>(config, new StringDeserializer(), new StringDeserializer());
    }

    private static DeadLetter toDeadLetter(ConsumerRecord<String, String> record) {
        return new DeadLetter(record.partition(), record.offset(), record.key(),
                header(record, DeadLetterPublisher.REASON), header(record, DeadLetterPublisher.CAUSE),
                header(record, DeadLetterPublisher.CHANNEL), header(record, DeadLetterPublisher.ROUTE),
                header(record, DeadLetterPublisher.SOURCE_TOPIC), header(record, DeadLetterPublisher.SOURCE_PARTITION),
                header(record, DeadLetterPublisher.SOURCE_OFFSET), record.value());
    }

    private static String header(ConsumerRecord<String, String> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }
}
