package io.eventmonitoring.e2e.bench;

import io.eventmonitoring.e2e.ServiceProcess;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.Reader;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import static org.awaitility.Awaitility.await;

/**
 * Kafka's share of the bridge's data path, with nothing else: consume the events, write each poll's events per
 * channel as one outbox record (with the bridge's outbox producer settings), and consume those records. No JSON,
 * routing, rendering or Slack: what this machine's brokers and clients allow any bridge that keeps the outbox, to
 * set next to ConsumerPerformance, which only reads.
 */
final class OutboxCopy {

    private static final String EVENTS_HEADER = "events";
    private static final String OUTBOX_PRODUCER = "mp.messaging.outgoing.outbox-out.";

    private OutboxCopy() {
    }

    /** Events per second through consume, copy and read back, timed once {@code warmup} events were read back. */
    static double eventsPerSecond(String bootstrap, String events, String outbox, long total, long warmup) throws Exception {
        AtomicLong readBack = new AtomicLong();
        // Their own threads: on two cores the common pool has one, and the two must run at once.
        ExecutorService threads = Executors.newFixedThreadPool(2);
        try {
            Future<?> reader = threads.submit(() -> readBack(bootstrap, outbox, total, readBack));
            Properties producer = producerProps(bootstrap);
            Future<?> copier = threads.submit(() -> copy(bootstrap, producer, events, outbox, total));
            await().atMost(Duration.ofMinutes(5)).pollInterval(Duration.ofMillis(5))
                    .until(() -> readBack.get() >= warmup || reader.isDone());
            long started = System.nanoTime();
            long before = readBack.get();
            reader.get(10, TimeUnit.MINUTES);
            copier.get(1, TimeUnit.MINUTES);
            return (total - before) / ((System.nanoTime() - started) / 1e9);
        } finally {
            threads.shutdownNow();
        }
    }

    private static void copy(String bootstrap, Properties producerProps, String events, String outbox, long total) {
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(consumerProps(bootstrap),
                new StringDeserializer(), new ByteArrayDeserializer());
             KafkaProducer<String, byte[]> producer = new KafkaProducer<>(producerProps,
                     new StringSerializer(), new ByteArraySerializer())) {
            consumer.subscribe(List.of(events));
            long copied = 0;
            while (copied < total) {
                ConsumerRecords<String, byte[]> records = consumer.poll(Duration.ofMillis(500));
                Map<String, ByteArrayOutputStream> byChannel = new LinkedHashMap<>();
                Map<String, Integer> counts = new LinkedHashMap<>();
                for (ConsumerRecord<String, byte[]> record : records) {
                    // Keys are <domain>:<entity>, and the default routes post one channel per domain.
                    String channel = record.key().substring(0, record.key().indexOf(':'));
                    ByteArrayOutputStream value = byChannel.computeIfAbsent(channel, c -> new ByteArrayOutputStream());
                    value.writeBytes(record.value());
                    value.write('\n');
                    counts.merge(channel, 1, Integer::sum);
                }
                byChannel.forEach((channel, value) -> {
                    ProducerRecord<String, byte[]> record = new ProducerRecord<>(outbox, channel, value.toByteArray());
                    record.headers().add(EVENTS_HEADER, ByteBuffer.allocate(4).putInt(counts.get(channel)).array());
                    producer.send(record);
                });
                consumer.commitAsync();
                copied += records.count();
            }
            producer.flush();
        }
    }

    private static void readBack(String bootstrap, String outbox, long total, AtomicLong readBack) {
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(consumerProps(bootstrap),
                new StringDeserializer(), new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(outbox));
            while (readBack.get() < total) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(500))) {
                    Header count = record.headers().lastHeader(EVENTS_HEADER);
                    readBack.addAndGet(ByteBuffer.wrap(count.value()).getInt());
                }
                consumer.commitAsync();
            }
        }
    }

    private static Properties consumerProps(String bootstrap) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(ConsumerConfig.GROUP_ID_CONFIG, "bench-copy-" + UUID.randomUUID());
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        // As the bridge reads business-events.
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        return props;
    }

    /**
     * The bridge's own outbox producer settings ({@code mp.messaging.outgoing.outbox-out.*} Kafka properties in its
     * application.properties), so this copy follows them when they change.
     */
    private static Properties producerProps(String bootstrap) throws IOException {
        Properties bridge = new Properties();
        try (Reader in = Files.newBufferedReader(
                ServiceProcess.repositoryRoot().resolve("bridge/src/main/resources/application.properties"))) {
            bridge.load(in);
        }
        Properties props = new Properties();
        for (String name : bridge.stringPropertyNames()) {
            if (name.startsWith(OUTBOX_PRODUCER)) {
                String key = name.substring(OUTBOX_PRODUCER.length());
                // Serializers are this class's own: it copies bytes.
                if (ProducerConfig.configNames().contains(key) && !key.endsWith(".serializer")) {
                    props.put(key, bridge.getProperty(name));
                }
            }
        }
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        return props;
    }
}
