package io.eventmonitoring.e2e;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import io.eventmonitoring.events.CloudEvent;
import io.eventmonitoring.events.CloudEventCodec;
import io.eventmonitoring.events.EventType;
import io.eventmonitoring.events.Topics;
import io.eventmonitoring.slacksink.Message;
import io.eventmonitoring.slacksink.SlackSink;
import io.eventmonitoring.testing.KafkaCluster;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The bridge as a packaged app: hard crashes and two replicas on one channel. */
class BridgeResilienceTest {

    private final List<Message> received = new CopyOnWriteArrayList<>();
    private SlackSink slack;
    private KafkaProducer<String, String> producer;

    @BeforeEach
    void setUp() {
        slack = SlackSink.start(0, line -> { }, received::add);
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, KafkaCluster.shared().bootstrapServers());
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        producer = new KafkaProducer<>(props, new StringSerializer(), new StringSerializer());
    }

    @AfterEach
    void tearDown() {
        producer.close();
        slack.close();
    }

    @Test
    void afterAHardCrashEveryEventIsAccountedAndAtMostOneMessageRepeats() throws Exception {
        String orderWebhook = slack.url("CRASH");
        Map<String, String> env = Map.of("SLACK_WEBHOOK_USER", slack.url("CRASHUSER"), "SLACK_WEBHOOK_ORDER", orderWebhook);
        int events = 400;
        // The killed bridge's consumers leave their groups only when their sessions expire: the broker's least, not
        // Kafka's default 45 s, so that the second bridge takes over within seconds. The crash is the same.
        Map<String, String> shortSessions = Map.of("mp.messaging.connector.smallrye-kafka.session.timeout.ms", "6000");
        try (ServiceProcess first = bridge(env, shortSessions)) {
            first.awaitReady();
            sendOrders(0, events / 2);
            await().atMost(Duration.ofSeconds(30)).until(() -> accepted("CRASH").size() >= 2);
            first.kill();
        }
        sendOrders(events / 2, events);
        try (ServiceProcess second = bridge(env, shortSessions)) {
            second.awaitReady();
            await().atMost(Duration.ofSeconds(60)).until(() -> events(accepted("CRASH")) >= events);
            // Repeats are counted once the bridge has committed everything it read: nothing is left to post.
            await().atMost(Duration.ofSeconds(30)).until(() -> lag("bridge-router", Topics.BUSINESS_EVENTS) == 0
                    && lag("bridge-delivery", Topics.BRIDGE_OUTBOX) == 0);
        }
        List<Message> posts = accepted("CRASH");
        int accounted = events(posts);
        int largestMessage = posts.stream().mapToInt(Message::events).max().orElse(0);
        assertThat(accounted).isGreaterThanOrEqualTo(events);
        assertThat(accounted - events).as("events counted twice after the crash").isLessThanOrEqualTo(largestMessage);
    }

    @Test
    void twoReplicasStillPostOneChannelAtMostOncePerSecond() throws Exception {
        String orderWebhook = slack.url("REPLICAS");
        Map<String, String> env = Map.of("SLACK_WEBHOOK_USER", slack.url("REPLICASUSER"), "SLACK_WEBHOOK_ORDER", orderWebhook);
        try (ServiceProcess first = bridge(env); ServiceProcess second = bridge(env)) {
            first.awaitReady();
            second.awaitReady();
            await().atMost(Duration.ofSeconds(60)).until(() -> membersWithPartitions("bridge-delivery") == 2);

            int events = 300;
            for (int round = 0; round < 3; round++) {
                sendOrders(round * 100, round * 100 + 100);
                int sent = round * 100 + 100;
                await().atMost(Duration.ofSeconds(30)).until(() -> events(accepted("REPLICAS")) >= sent);
            }

            List<Message> posts = accepted("REPLICAS");
            assertThat(events(posts)).isEqualTo(events);
            for (int i = 1; i < posts.size(); i++) {
                assertThat(Duration.between(posts.get(i - 1).at(), posts.get(i).at())).isGreaterThanOrEqualTo(Duration.ofMillis(950));
            }
        }
    }

    private List<Message> accepted(String channel) {
        return received.stream().filter(m -> m.channel().equals(channel)).toList();
    }

    private static int events(List<Message> messages) {
        return messages.stream().mapToInt(Message::events).sum();
    }

    private ServiceProcess bridge(Map<String, String> env) throws Exception {
        return bridge(env, Map.of());
    }

    private ServiceProcess bridge(Map<String, String> env, Map<String, String> config) throws Exception {
        Map<String, String> properties = new HashMap<>(config);
        properties.put("kafka.bootstrap.servers", KafkaCluster.shared().bootstrapServers());
        return ServiceProcess.start("bridge", properties, env);
    }

    private void sendOrders(int from, int to) throws Exception {
        for (int i = from; i < to; i++) {
            CloudEvent event = CloudEvent.of(EventType.ORDER_CREATED, UUID.randomUUID().toString(),
                    JsonNodeFactory.instance.objectNode().put("n", i));
            producer.send(new ProducerRecord<>(Topics.BUSINESS_EVENTS, event.key(), CloudEventCodec.encode(event)));
        }
        producer.flush();
    }

    private static long lag(String group, String topic) throws Exception {
        try (Admin admin = KafkaCluster.shared().admin()) {
            Map<TopicPartition, OffsetAndMetadata> committed =
                    admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get();
            Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
            admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic).partitions()
                    .forEach(p -> latest.put(new TopicPartition(topic, p.partition()), OffsetSpec.latest()));
            long lag = 0;
            for (var end : admin.listOffsets(latest).all().get().entrySet()) {
                OffsetAndMetadata done = committed.get(end.getKey());
                lag += end.getValue().offset() - (done == null ? 0 : done.offset());
            }
            return lag;
        }
    }

    private static int membersWithPartitions(String group) throws Exception {
        try (Admin admin = KafkaCluster.shared().admin()) {
            ConsumerGroupDescription description = admin.describeConsumerGroups(List.of(group)).all().get().get(group);
            return (int) description.members().stream()
                    .filter(m -> !m.assignment().topicPartitions().isEmpty())
                    .count();
        }
    }
}
