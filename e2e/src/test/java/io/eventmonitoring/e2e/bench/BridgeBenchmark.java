package io.eventmonitoring.e2e.bench;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.eventmonitoring.e2e.ServiceProcess;
import io.eventmonitoring.events.CloudEvent;
import io.eventmonitoring.events.CloudEventCodec;
import io.eventmonitoring.events.EventType;
import io.eventmonitoring.slacksink.Message;
import io.eventmonitoring.slacksink.SlackSink;
import io.eventmonitoring.testing.KafkaCluster;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.tools.ConsumerPerformance;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.awaitility.Awaitility.await;

/**
 * Prints the bridge's throughput next to Kafka's own ConsumerPerformance on the same topic and cluster, and the
 * latency from produce to the webhook call for the first event on an idle channel. Also what Kafka alone allows
 * on the bridge's data path here ({@link OutboxCopy}): the outbox copy the scale-out design requires. Run it with
 * {@code ./mvnw -pl e2e -am verify -Dtest=BridgeBenchmark -Dsurefire.failIfNoSpecifiedTests=false}; it asserts
 * nothing about speed.
 */
class BridgeBenchmark {

    private static final int EVENTS = Integer.getInteger("bench.events", 300_000);
    /** The first events let the bridge's JIT compile its hot paths; the clock starts once they are routed. */
    private static final int WARMUP_EVENTS = Integer.getInteger("bench.warmup-events", 100_000);
    private static final int LATENCY_SAMPLES = Integer.getInteger("bench.latency-samples", 20);
    private static final String BRIDGE_PROPERTY_PREFIX = "bench.bridge.";

    @Test
    void bridgeThroughputAndFirstEventLatency() throws Exception {
        KafkaCluster cluster = KafkaCluster.shared();
        String run = UUID.randomUUID().toString().substring(0, 8);
        String events = "bench-events-" + run;
        String outbox = "bench-outbox-" + run;
        String copy = "bench-outbox-copy-" + run;
        try (var admin = cluster.admin()) {
            admin.createTopics(List.of(
                    new NewTopic(events, 6, (short) 3).configs(Map.of("min.insync.replicas", "2")),
                    new NewTopic(outbox, 6, (short) 3).configs(Map.of("min.insync.replicas", "2")),
                    new NewTopic(copy, 6, (short) 3).configs(Map.of("min.insync.replicas", "2")))).all().get();
        }
        // The topic is full before the bridge starts: it and ConsumerPerformance read the same records.
        double produceSeconds = produce(events);
        List<Message> received = new CopyOnWriteArrayList<>();
        try (KafkaProducer<String, String> producer = producer();
             Admin admin = cluster.admin();
             SlackSink sink = SlackSink.start(0, line -> { }, received::add);
             ServiceProcess bridge = ServiceProcess.start("bridge", bridgeProperties(Map.of(
                     "kafka.bootstrap.servers", cluster.bootstrapServers(),
                     "mp.messaging.incoming.business-events.topic", events,
                     "mp.messaging.incoming.business-events.group.id", "bench-router-" + run,
                     "mp.messaging.outgoing.outbox-out.topic", outbox,
                     "mp.messaging.incoming.bridge-outbox.topic", outbox,
                     "mp.messaging.incoming.bridge-outbox.group.id", "bench-delivery-" + run,
                     "quarkus.log.level", "WARN")),
                     bridgeEnvironment(sink))) {
            // The clock starts once the warm-up events are routed: neither startup nor JIT compilation is counted.
            String group = "bench-router-" + run;
            await().atMost(Duration.ofMinutes(5)).pollInterval(Duration.ofMillis(20))
                    .until(() -> committed(admin, group, events) >= WARMUP_EVENTS);
            long consuming = System.nanoTime();
            long alreadyRouted = committed(admin, group, events);
            await().atMost(Duration.ofMinutes(10)).pollInterval(Duration.ofMillis(100))
                    .until(() -> committed(admin, group, events) >= EVENTS);
            double routedSeconds = (System.nanoTime() - consuming) / 1e9;
            await().atMost(Duration.ofMinutes(10)).pollInterval(Duration.ofMillis(100))
                    .until(() -> received.stream().mapToInt(Message::events).sum() >= EVENTS);
            double bridgeSeconds = (System.nanoTime() - consuming) / 1e9;
            double bridgeRate = (EVENTS - alreadyRouted) / bridgeSeconds;
            bridge.awaitReady();

            double kafkaRate = consumerPerformance(cluster.bootstrapServers(), events, EVENTS);
            double copyRate = OutboxCopy.eventsPerSecond(cluster.bootstrapServers(), events, copy, EVENTS, WARMUP_EVENTS);

            List<Long> latencies = new ArrayList<>();
            for (int i = 0; i < LATENCY_SAMPLES; i++) {
                int before = received.size();
                await().pollDelay(Duration.ofMillis(1_100)).atMost(Duration.ofSeconds(2)).until(() -> received.size() == before);
                CloudEvent event = CloudEvent.of(EventType.ORDER_CANCELLED, "latency-" + i, JsonNodeFactory.instance.objectNode());
                long sent = System.currentTimeMillis();
                producer.send(new ProducerRecord<>(events, event.key(), CloudEventCodec.encode(event))).get();
                await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(5)).until(() -> received.size() > before);
                latencies.add(received.stream().mapToLong(m -> m.at().toEpochMilli()).max().orElseThrow() - sent);
            }
            Collections.sort(latencies);

            System.out.println();
            System.out.println("== bridge benchmark (" + EVENTS + " events, timed after " + alreadyRouted
                    + " routed to warm up; 2 channels, 3 brokers, " + Runtime.getRuntime().availableProcessors() + " cores)");
            System.out.printf("produced in                 %8.2f s%n", produceSeconds);
            System.out.printf("routing stage committed all   %8.2f s (%.0f events/s)%n", routedSeconds, (EVENTS - alreadyRouted) / routedSeconds);
            System.out.printf("bridge (consume, route, outbox, deliver, account) %10.0f events/s (%.2f s)%n", bridgeRate, bridgeSeconds);
            System.out.printf("kafka ConsumerPerformance   %10.0f events/s%n", kafkaRate);
            System.out.printf("ratio bridge / consumer     %10.2f (target >= 0.5)%n", bridgeRate / kafkaRate);
            System.out.printf("kafka alone on the bridge's path (consume, outbox copy with its producer settings, read back) %10.0f events/s, %.2f of the consumer's rate%n",
                    copyRate, copyRate / kafkaRate);
            System.out.printf("slack messages for the burst %9d%n", received.size() - LATENCY_SAMPLES);
            System.out.printf("first event on an idle channel, produce -> webhook: p50 %d ms, p99 %d ms, max %d ms (target p99 < 1000 ms)%n",
                    percentile(latencies, 50), percentile(latencies, 99), latencies.get(latencies.size() - 1));
        }
    }

    /** The webhook URLs, and the bridge's JVM options from {@code -Dbench.jvm} (e.g. a flight recording) if given. */
    private static Map<String, String> bridgeEnvironment(SlackSink sink) {
        Map<String, String> environment = new HashMap<>(Map.of(
                "SLACK_WEBHOOK_USER", sink.url("USER"), "SLACK_WEBHOOK_ORDER", sink.url("ORDER")));
        String jvmOptions = System.getProperty("bench.jvm", "");
        if (!jvmOptions.isBlank()) {
            environment.put("JAVA_TOOL_OPTIONS", jvmOptions);
        }
        return environment;
    }

    /** The benchmark's settings, plus any {@code -Dbench.bridge.<property>=<value>} given to try a tuning. */
    private static Map<String, String> bridgeProperties(Map<String, String> settings) {
        Map<String, String> properties = new HashMap<>(settings);
        System.getProperties().stringPropertyNames().stream()
                .filter(name -> name.startsWith(BRIDGE_PROPERTY_PREFIX))
                .forEach(name -> properties.put(name.substring(BRIDGE_PROPERTY_PREFIX.length()), System.getProperty(name)));
        return properties;
    }

    private static double produce(String topic) {
        try (KafkaProducer<String, String> producer = producer()) {
            long started = System.nanoTime();
            for (int i = 0; i < EVENTS; i++) {
                EventType type = i % 2 == 0 ? EventType.ORDER_CREATED : EventType.USER_SIGNED_UP;
                CloudEvent event = CloudEvent.of(type, Integer.toString(i), JsonNodeFactory.instance.objectNode().put("n", i));
                producer.send(new ProducerRecord<>(topic, event.key(), CloudEventCodec.encode(event)));
            }
            producer.flush();
            return (System.nanoTime() - started) / 1e9;
        }
    }

    private static long committed(Admin admin, String group, String topic) throws Exception {
        return admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get().entrySet().stream()
                .filter(e -> e.getKey().topic().equals(topic))
                .mapToLong(e -> e.getValue().offset())
                .sum();
    }

    private static double consumerPerformance(String bootstrap, String topic, int messages) {
        PrintStream original = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            ConsumerPerformance.main(new String[]{"--bootstrap-server", bootstrap, "--topic", topic,
                    "--messages", Integer.toString(messages), "--group", "bench-perf-" + UUID.randomUUID(),
                    "--hide-header", "--timeout", "60000"});
        } finally {
            System.setOut(original);
        }
        String[] fields = captured.toString(StandardCharsets.UTF_8).trim().split("\n");
        String[] stats = fields[fields.length - 1].split(",\\s*");
        return Double.parseDouble(stats[5]);
    }

    private static long percentile(List<Long> sorted, int percentile) {
        int index = (int) Math.ceil(percentile / 100.0 * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(index, sorted.size() - 1)));
    }

    private static KafkaProducer<String, String> producer() {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, KafkaCluster.shared().bootstrapServers());
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.LINGER_MS_CONFIG, "10");
        props.put(ProducerConfig.BATCH_SIZE_CONFIG, "131072");
        return new KafkaProducer<>(props, new StringSerializer(), new StringSerializer());
    }
}
