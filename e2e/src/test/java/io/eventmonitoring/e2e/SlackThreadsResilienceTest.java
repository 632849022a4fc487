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
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Threads of an app channel with the packaged bridge as processes: the thread of each entity survives a hard crash
 * (at most one extra root per entity) and stays one thread when the channel moves between two replicas.
 */
@Tag("fault")
class SlackThreadsResilienceTest {

    private static final List<EventType> LIFECYCLE = List.of(EventType.ORDER_CREATED, EventType.ORDER_ITEM_ADDED,
            EventType.ORDER_ITEM_ADDED, EventType.ORDER_CANCELLED);
    private static final int ENTITIES = 8;

    private final List<Message> calls = new CopyOnWriteArrayList<>();
    private SlackSink slack;
    private KafkaProducer<String, String> producer;
    private Path token;

    @BeforeEach
    void setUp(@TempDir Path dir) throws Exception {
        slack = SlackSink.start(0, line -> { }, calls::add);
        token = dir.resolve("bot-token");
        Files.writeString(token, "xoxb-e2e-" + UUID.randomUUID());
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
    void killedMidLifecycleAndRestartedRepliesStillLandInTheSameThread() throws Exception {
        List<String> orders = orders();
        Map<String, String> shortSessions = Map.of("mp.messaging.connector.smallrye-kafka.session.timeout.ms", "6000");
        long crashAt;
        try (ServiceProcess first = bridge(shortSessions)) {
            first.awaitReady();
            sendSteps(orders, 0, 2);
            crashAt = System.currentTimeMillis();
            first.kill();
        }
        try (ServiceProcess second = bridge(shortSessions)) {
            second.awaitReady();
            // The killed bridge's consumer leaves the group when its session expires; then the channel is the new one's.
            await().atMost(Duration.ofSeconds(60)).until(() -> members("bridge-delivery") == 1
                    && membersWithPartitions("bridge-delivery") == 1);
            sendSteps(orders, 2, LIFECYCLE.size());
        }
        Instant crashed = Instant.ofEpochMilli(crashAt);
        long repliesAfter = 0;
        long inFirstThread = 0;
        for (String order : orders) {
            List<Message> roots = roots(calls, order);
            assertThat(roots).as("roots of " + order).hasSizeBetween(1, 2);
            Set<String> rootTs = roots.stream().map(Message::ts).collect(Collectors.toSet());
            List<Message> replies = replies(calls, rootTs);
            List<Message> after = replies.stream().filter(r -> r.at().isAfter(crashed)).toList();
            assertThat(after).isNotEmpty();
            repliesAfter += after.size();
            inFirstThread += after.stream().filter(r -> r.threadTs().equals(roots.get(0).ts())).count();
        }
        long extraRoots = orders.stream().mapToLong(o -> roots(calls, o).size() - 1).sum();
        System.out.printf("[threads] after a hard crash, %d of %d replies landed in their entity's first thread; "
                + "%d extra roots for %d entities%n", inFirstThread, repliesAfter, extraRoots, orders.size());
        assertThat(eventsAccountedFor()).isGreaterThanOrEqualTo(orders.size() * LIFECYCLE.size());
    }

    @Test
    void twoReplicasKeepOneThreadPerEntityWhenTheChannelMoves() throws Exception {
        List<String> orders = orders();
        try (ServiceProcess first = bridge(Map.of()); ServiceProcess second = bridge(Map.of())) {
            first.awaitReady();
            second.awaitReady();
            await().atMost(Duration.ofSeconds(60)).until(() -> membersWithPartitions("bridge-delivery") == 2);
            sendSteps(orders, 0, 2);
            // A graceful stop: whichever replica owned the channel, the other one owns it now or already did.
            first.close();
            sendSteps(orders, 2, LIFECYCLE.size());
        }
        for (String order : orders) {
            List<Message> roots = roots(calls, order);
            assertThat(roots).as("roots of " + order).hasSize(1);
            // Events that waited for the channel while it moved are in a digest; the others are replies in the thread.
            assertThat(replies(calls, Set.of(roots.get(0).ts()))).hasSizeLessThanOrEqualTo(LIFECYCLE.size() - 1);
        }
        assertThat(calls.stream().filter(c -> !c.isEdit() && c.threadTs() != null)
                .allMatch(reply -> orders.stream().anyMatch(o -> roots(calls, o).get(0).ts().equals(reply.threadTs()))))
                .as("every reply is in the one thread of its entity").isTrue();
        assertThat(eventsAccountedFor()).isGreaterThanOrEqualTo(orders.size() * LIFECYCLE.size());
    }

    /** Every message counted in its latest state: a digest edited in place counts what its last edit says. */
    private int eventsAccountedFor() {
        Map<String, Message> latest = new LinkedHashMap<>();
        calls.stream().filter(c -> !c.method().equals(Message.WEBHOOK) && (!c.isEdit() || c.digest()))
                .forEach(c -> latest.put(c.ts(), c));
        return latest.values().stream().mapToInt(Message::events).sum();
    }

    private static List<String> orders() {
        String run = UUID.randomUUID().toString().substring(0, 8);
        return IntStream.range(0, ENTITIES).mapToObj(i -> run + "-" + i).toList();
    }

    /**
     * Sends lifecycle steps {@code from} to {@code to} of every order, paced so that each event is a message of its
     * own (a reply in its thread), and waits until Slack has them all.
     */
    private void sendSteps(List<String> orders, int from, int to) throws Exception {
        for (int step = from; step < to; step++) {
            for (String order : orders) {
                CloudEvent event = CloudEvent.of(LIFECYCLE.get(step), order,
                        JsonNodeFactory.instance.objectNode().put("step", step));
                producer.send(new ProducerRecord<>(Topics.BUSINESS_EVENTS, event.key(), CloudEventCodec.encode(event))).get();
                Thread.sleep(400);
            }
        }
        int expected = orders.size() * to;
        await().atMost(Duration.ofSeconds(60)).until(() -> eventsAccountedFor() >= expected);
    }

    private static List<Message> roots(List<Message> calls, String order) {
        return calls.stream().filter(c -> c.method().equals("chat.postMessage") && c.threadTs() == null
                        && c.text().startsWith("order:" + order + " ·"))
                .toList();
    }

    private static List<Message> replies(List<Message> calls, Set<String> rootTs) {
        return calls.stream().filter(c -> !c.isEdit() && c.threadTs() != null && rootTs.contains(c.threadTs())).toList();
    }

    private ServiceProcess bridge(Map<String, String> config) throws Exception {
        Map<String, String> properties = new HashMap<>(config);
        properties.put("kafka.bootstrap.servers", KafkaCluster.shared().bootstrapServers());
        properties.put("bridge.channels.order.bot-token-file", token.toString());
        properties.put("bridge.channels.order.slack-channel-id", "C0E2EORDER");
        properties.put("bridge.channels.order.min-interval", "200ms");
        properties.put("bridge.slack.api-url", slack.apiUrl());
        return ServiceProcess.start("bridge", properties, Map.of("SLACK_WEBHOOK_USER", slack.url("THREADSUSER")));
    }

    private static int members(String group) throws Exception {
        try (Admin admin = KafkaCluster.shared().admin()) {
            return admin.describeConsumerGroups(List.of(group)).all().get().get(group).members().size();
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
