package io.eventmonitoring.logging;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.eventmonitoring.events.Topics;
import io.eventmonitoring.testing.KafkaClusterResource;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;
import org.jboss.logmanager.ExtHandler;
import org.jboss.logmanager.LogContext;
import org.jboss.logmanager.handlers.ConsoleHandler;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.logging.Handler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The library in a real Quarkus application with quarkus-logging-json (ECS), shipping to a real KRaft cluster. */
@QuarkusTest
@QuarkusTestResource(KafkaClusterResource.class)
class LogShippingTest {

    private static final Logger LOG = Logger.getLogger(LogShippingTest.class);
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final ByteArrayOutputStream CONSOLE = new ByteArrayOutputStream();
    private static ConsoleHandler console;

    @Inject
    MeterRegistry registry;

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    @BeforeAll
    static void captureConsole() {
        console = consoleHandler(LogContext.getLogContext().getLogger("").getHandlers()).orElseThrow();
        console.setOutputStream(CONSOLE);
    }

    @AfterAll
    static void restoreConsole() {
        console.setTarget(ConsoleHandler.Target.SYSTEM_OUT);
    }

    @Test
    void businessLineIsShippedKeyedByServiceAsTheConsoleLineWithTopLevelFields() throws Exception {
        String eventId = UUID.randomUUID().toString();
        try (LogFields fields = LogFields.of(LogField.EVENT_ID, eventId)
                .and(LogField.EVENT_TYPE, "order.created")
                .and(LogField.DOMAIN, "order")
                .and(LogField.CHANNEL, "order")
                .and(LogField.OUTCOME, Outcome.POSTED)) {
            LOG.infof("posted event %s", eventId);
        }
        LOG.infof("after the scope %s", eventId);

        ConsumerRecord<String, String> shipped = awaitRecord("posted event " + eventId);
        String consoleLine = consoleLine("posted event " + eventId);
        JsonNode json = MAPPER.readTree(shipped.value());

        assertThat(shipped.key()).isEqualTo("log-shipping-test");
        assertThat(shipped.value()).isEqualTo(consoleLine);
        assertThat(json.get("service.name").asText()).isEqualTo("log-shipping-test");
        assertThat(json.get("log.level").asText()).isEqualTo("INFO");
        assertThat(json.get("log.logger").asText()).isEqualTo(LogShippingTest.class.getName());
        assertThat(json.get("message").asText()).isEqualTo("posted event " + eventId);
        assertThat(json.get("@timestamp").asText()).isNotBlank();
        assertThat(json.get("ecs.version").asText()).isNotBlank();
        assertThat(json.get("eventmonitoring.event_id").asText()).isEqualTo(eventId);
        assertThat(json.get("eventmonitoring.event_type").asText()).isEqualTo("order.created");
        assertThat(json.get("eventmonitoring.domain").asText()).isEqualTo("order");
        assertThat(json.get("eventmonitoring.channel").asText()).isEqualTo("order");
        assertThat(json.get("eventmonitoring.outcome").asText()).isEqualTo("posted");
        assertThat(json.path("mdc").has("eventmonitoring.outcome")).isFalse();

        JsonNode after = MAPPER.readTree(awaitRecord("after the scope " + eventId).value());
        assertThat(after.has("eventmonitoring.outcome")).as("fields end with their scope").isFalse();
    }

    @Test
    void secretsAreMaskedOnTheConsoleAndInKafka() {
        String marker = UUID.randomUUID().toString();
        String webhook = "https://hooks.slack.com/services/T0001/B0002/" + marker.substring(0, 12);
        LOG.errorf(new IllegalStateException("POST " + webhook + " answered 500"),
                "delivery %s failed for %s with password=hunter2", marker, webhook);

        String shipped = awaitRecord("delivery " + marker).value();
        String consoleLine = consoleLine("delivery " + marker);

        for (String line : List.of(shipped, consoleLine)) {
            assertThat(line).doesNotContain(marker.substring(0, 12) + "\"", "B0002/", "hunter2")
                    .contains("https://hooks.slack.com/***", "password=***", "IllegalStateException");
        }
    }

    @Test
    void shippedAndDroppedRecordsAreCounted() {
        LOG.info("counted " + UUID.randomUUID());
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(registry.get(LogShipping.SHIPPED_METRIC).functionCounter().count()).isPositive());
        assertThat(registry.get(LogShipping.DROPPED_METRIC).functionCounters())
                .extracting(c -> c.getId().getTag("reason"))
                .containsExactlyInAnyOrder("buffer-full", "send-failed");
    }

    private ConsumerRecord<String, String> awaitRecord(String message) {
        List<ConsumerRecord<String, String>> found = new ArrayList<>();
        await().atMost(Duration.ofSeconds(30)).until(() -> {
            readServiceLogs().stream().filter(r -> r.value().contains("\"message\":\"" + message))
                    .findFirst().ifPresent(found::add);
            return !found.isEmpty();
        });
        return found.get(0);
    }

    private List<ConsumerRecord<String, String>> readServiceLogs() {
        Map<String, Object> props = Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.GROUP_ID_CONFIG, "log-shipping-test-" + UUID.randomUUID());
        try (KafkaConsumer<String, String> consumer =
                     new KafkaConsumer<>(props, new StringDeserializer(), new StringDeserializer())) {
            consumer.subscribe(List.of(Topics.SERVICE_LOGS));
            List<ConsumerRecord<String, String>> records = new ArrayList<>();
            long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
            while (System.nanoTime() < deadline) {
                int before = records.size();
                consumer.poll(Duration.ofMillis(500)).forEach(records::add);
                if (records.size() == before && !consumer.assignment().isEmpty()) {
                    break;
                }
            }
            return records;
        }
    }

    private static String consoleLine(String message) {
        console.flush();
        return CONSOLE.toString(StandardCharsets.UTF_8).lines()
                .filter(line -> line.contains("\"message\":\"" + message))
                .findFirst().orElseThrow(() -> new AssertionError("not on the console: " + message));
    }

    private static Optional<ConsoleHandler> consoleHandler(Handler[] handlers) {
        for (Handler handler : handlers) {
            if (handler instanceof ConsoleHandler found) {
                return Optional.of(found);
            }
            if (handler instanceof ExtHandler parent) {
                Optional<ConsoleHandler> nested = consoleHandler(parent.getHandlers());
                if (nested.isPresent()) {
                    return nested;
                }
            }
        }
        return Optional.empty();
    }
}
