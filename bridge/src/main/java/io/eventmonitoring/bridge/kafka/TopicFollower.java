package io.eventmonitoring.bridge.kafka;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/**
 * Reads a whole (compacted) topic, or its latest part, without a consumer group, and keeps following it on a thread of
 * its own: every replica sees every record. {@link #loaded()} completes once the topic was read to the end it had at
 * the start.
 */
public final class TopicFollower {

    /** Where reading starts in each partition, each time the follower (re)connects. */
    public interface Start {

        /** At each partition's beginning: the whole topic. */
        Start BEGINNING = KafkaConsumer::seekToBeginning;

        void seek(KafkaConsumer<String, String> consumer, List<TopicPartition> partitions);
    }

    private static final Logger LOG = Logger.getLogger(TopicFollower.class);

    private final String topic;
    private final Map<String, Object> config;
    private final Start startAt;
    private final Consumer<ConsumerRecord<String, String>> apply;
    private final CompletableFuture<Void> loaded = new CompletableFuture<>();
    private volatile KafkaConsumer<String, String> consumer;
    private volatile boolean running = true;

    /** {@code apply} sees each record once, in order; it must not throw. */
    public TopicFollower(String topic, Map<String, Object> kafkaConfig, Consumer<ConsumerRecord<String, String>> apply) {
        this(topic, kafkaConfig, Start.BEGINNING, apply);
    }

    /** Reads from where {@code start} seeks to; {@code apply} sees each record once, in order; it must not throw. */
    public TopicFollower(String topic, Map<String, Object> kafkaConfig, Start start,
                         Consumer<ConsumerRecord<String, String>> apply) {
        this.topic = topic;
        this.startAt = start;
        this.config = new HashMap<>(kafkaConfig);
        config.remove(ConsumerConfig.GROUP_ID_CONFIG);
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        config.put(ConsumerConfig.CLIENT_ID_CONFIG, topic + "-follower");
        this.apply = apply;
    }

    public void start() {
        Thread follower = new Thread(this::follow, topic);
        follower.setDaemon(true);
        follower.start();
    }

    public void stop() {
        running = false;
        KafkaConsumer<String, String> current = consumer;
        if (current != null) {
            current.wakeup();
        }
    }

    public CompletableFuture<Void> loaded() {
        return loaded;
    }

    private void follow() {
        while (running) {
            try (KafkaConsumer<String, String> follower =
                         new KafkaConsumer<>(config, new StringDeserializer(), new StringDeserializer())) {
                consumer = follower;
                List<TopicPartition> partitions = follower.partitionsFor(topic, Duration.ofSeconds(30))
                        .stream().map(p -> new TopicPartition(p.topic(), p.partition())).toList();
                follower.assign(partitions);
                startAt.seek(follower, partitions);
                Map<TopicPartition, Long> end = follower.endOffsets(partitions);
                while (running) {
                    for (ConsumerRecord<String, String> record : follower.poll(Duration.ofSeconds(1))) {
                        apply.accept(record);
                    }
                    if (!loaded.isDone() && partitions.stream().allMatch(p -> follower.position(p) >= end.get(p))) {
                        loaded.complete(null);
                    }
                }
            } catch (WakeupException e) {
                return;
            } catch (RuntimeException e) {
                LOG.warnf("reading %s failed, retrying: %s", topic, e.toString());
            }
        }
    }
}
