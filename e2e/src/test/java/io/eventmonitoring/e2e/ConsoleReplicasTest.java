package io.eventmonitoring.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.eventmonitoring.events.CloudEvent;
import io.eventmonitoring.events.CloudEventCodec;
import io.eventmonitoring.events.EventType;
import io.eventmonitoring.events.Topics;
import io.eventmonitoring.slacksink.Message;
import io.eventmonitoring.slacksink.SlackSink;
import io.eventmonitoring.testing.KafkaCluster;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Two packaged bridges: each channel's status is published by its owner and either replica shows all of them, with
 * the same route counters summed over both; a silence preview counts the events of both replicas' partitions on either.
 */
@Tag("fault")
class ConsoleReplicasTest {

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final String PASSWORD = "console-" + UUID.randomUUID();

    @Test
    void bothReplicasServeTheSameOverviewAndPreview() throws Exception {
        List<Message> received = new CopyOnWriteArrayList<>();
        try (SlackSink slack = SlackSink.start(0, line -> { }, received::add)) {
            String orderWebhook = slack.url("CONSOLE");
            Map<String, String> env = Map.of("SLACK_WEBHOOK_USER", slack.url("CONSOLEUSER"),
                    "SLACK_WEBHOOK_ORDER", orderWebhook, "BRIDGE_ADMIN_PASSWORD", PASSWORD);
            try (ServiceProcess a = bridge(env, "replica-a"); ServiceProcess b = bridge(env, "replica-b")) {
                a.awaitReady();
                b.awaitReady();
                String run = UUID.randomUUID().toString();
                sendOrders(20, run);
                await().atMost(Duration.ofSeconds(60)).until(() -> received.stream()
                        .filter(m -> m.channel().equals("CONSOLE")).mapToInt(Message::events).sum() >= 20);

                await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
                    JsonNode statusA = status(a);
                    JsonNode statusB = status(b);
                    JsonNode fromA = channels(statusA);
                    JsonNode fromB = channels(statusB);
                    assertThat(fromA).isEqualTo(fromB);
                    assertThat(statusA.path("routes")).isEqualTo(statusB.path("routes"));
                    assertThat(statusA.path("countedBy").findValuesAsText("replica"))
                            .containsExactly("replica-a", "replica-b");
                    assertThat(statusA.path("routes").findValues("routed").stream().mapToLong(JsonNode::asLong).sum())
                            .isGreaterThanOrEqualTo(20);
                    assertThat(fromA.findValuesAsText("owner")).hasSize(2).allMatch(Set.of("replica-a", "replica-b")::contains);
                    JsonNode order = fromA.findParents("channel").stream()
                            .filter(c -> c.path("channel").asText().equals("order")).findFirst().orElseThrow();
                    assertThat(order.path("state").asText()).isEqualTo("idle");
                    assertThat(order.at("/lastPost/outcome").asText()).isEqualTo("posted");
                });
                assertThat(channels(get(a, "/admin/deliveries?channel=order")))
                        .isEqualTo(channels(get(b, "/admin/deliveries?channel=order")));
                String silence = "{\"matchers\":{\"type\":\"order.created\",\"attributes\":{\"run\":\"" + run + "\"}},"
                        + "\"duration\":\"PT1H\"}";
                await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                    assertThat(post(a, "/admin/silences/preview", silence).path("matched").asInt()).isEqualTo(20);
                    assertThat(post(b, "/admin/silences/preview", silence).path("matched").asInt()).isEqualTo(20);
                });
            }
        }
    }

    private static ServiceProcess bridge(Map<String, String> env, String replica) throws Exception {
        return ServiceProcess.start("bridge", Map.of("kafka.bootstrap.servers", KafkaCluster.shared().bootstrapServers(),
                "bridge.status.replica", replica), env);
    }

    private static void sendOrders(int count, String run) {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, KafkaCluster.shared().bootstrapServers());
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(props, new StringSerializer(), new StringSerializer())) {
            for (int i = 0; i < count; i++) {
                CloudEvent event = CloudEvent.of(EventType.ORDER_CREATED, UUID.randomUUID().toString(),
                        JsonNodeFactory.instance.objectNode().put("n", i).put("run", run));
                producer.send(new ProducerRecord<>(Topics.BUSINESS_EVENTS, event.key(), CloudEventCodec.encode(event)));
            }
        }
    }

    private static JsonNode status(ServiceProcess bridge) throws Exception {
        JsonNode status = get(bridge, "/admin/status");
        assertThat(status.path("lag").path("error").isNull()).isTrue();
        return status;
    }

    /** The channels of a status or deliveries answer as published, without how old they are at the moment of asking. */
    private static JsonNode channels(JsonNode answer) {
        JsonNode channels = answer.path("channels").deepCopy();
        channels.forEach(c -> ((ObjectNode) c).remove("ageMillis"));
        return channels;
    }

    private static JsonNode get(ServiceProcess bridge, String path) throws Exception {
        return send(HttpRequest.newBuilder(bridge.uri(path)).GET());
    }

    private static JsonNode post(ServiceProcess bridge, String path, String body) throws Exception {
        return send(HttpRequest.newBuilder(bridge.uri(path)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    private static JsonNode send(HttpRequest.Builder request) throws Exception {
        String credentials = Base64.getEncoder().encodeToString(("admin:" + PASSWORD).getBytes(StandardCharsets.UTF_8));
        HttpRequest authenticated = request.header("Authorization", "Basic " + credentials).build();
        HttpResponse<String> response = HTTP.send(authenticated, HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(authenticated.uri().getPath()).isEqualTo(200);
        return MAPPER.readTree(response.body());
    }
}
