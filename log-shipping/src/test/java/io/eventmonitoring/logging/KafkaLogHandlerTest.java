package io.eventmonitoring.logging;

import io.eventmonitoring.events.Topics;
import io.eventmonitoring.testing.KafkaCluster;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.jboss.logmanager.ExtHandler;
import org.jboss.logmanager.ExtLogRecord;
import org.jboss.logmanager.LogContext;
import org.jboss.logmanager.Logger;
import org.jboss.logmanager.formatters.PatternFormatter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Level;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

class KafkaLogHandlerTest {

    private static final int RECORDS = 5_000;
    private static final int BUFFER = 64;

    private static Map<String, Object> producerConfig(String bootstrap, String clientId) {
        Map<String, Object> config = new HashMap<>();
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        config.put(ProducerConfig.CLIENT_ID_CONFIG, clientId);
        config.put(ProducerConfig.ACKS_CONFIG, "1");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "false");
        config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, "500");
        config.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, "2000");
        config.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, "3000");
        config.put(ProducerConfig.LINGER_MS_CONFIG, "20");
        return config;
    }

    /**
     * "closed": nothing listens on the port; "silent": a socket accepts connections (in the kernel backlog) but
     * never answers, like a hung broker.
     */
    @ParameterizedTest
    @ValueSource(strings = {"closed", "silent"})
    void absentOrSlowKafkaNeverBlocksTheLoggingThreadAndCountsEveryDrop(String broker) throws IOException {
        try (ServerSocket silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            int port = silent.getLocalPort();
            if (broker.equals("closed")) {
                silent.close();
            }
            KafkaLogHandler handler = new KafkaLogHandler(producerConfig("127.0.0.1:" + port, "test-" + broker),
                    Topics.SERVICE_LOGS, "test", new PatternFormatter("%s"), BUFFER);

            long started = System.nanoTime();
            assertTimeoutPreemptively(Duration.ofSeconds(10), () -> {
                for (int i = 0; i < RECORDS; i++) {
                    handler.publish(new ExtLogRecord(Level.INFO, "record " + i, KafkaLogHandlerTest.class.getName()));
                }
            }, "publishing must not wait for Kafka");
            long micros = (System.nanoTime() - started) / 1_000;
            System.out.printf("%s Kafka: %d records published in %d us (%.2f us each), %d dropped at once%n",
                    broker, RECORDS, micros, (double) micros / RECORDS, handler.droppedBufferFull());

            handler.close(Duration.ofSeconds(2));

            assertThat(handler.shipped()).isZero();
            assertThat(handler.droppedBufferFull()).isGreaterThanOrEqualTo(RECORDS - BUFFER - 10L);
            assertThat(handler.droppedBufferFull() + handler.droppedSendFailed()).isEqualTo(RECORDS);
        }
    }

    @Test
    void shipsKeyedRecordsButNeverThoseOfItsOwnProducer() {
        KafkaCluster cluster = KafkaCluster.shared();
        String clientId = "own-logs-" + UUID.randomUUID();
        String key = "svc-" + UUID.randomUUID();
        Set<String> threadsThatLogged = ConcurrentHashMap.newKeySet();
        ExtHandler recorder = new ExtHandler() {
            @Override
            protected void doPublish(ExtLogRecord record) {
                threadsThatLogged.add(Thread.currentThread().getName());
            }
        };
        Logger root = LogContext.getLogContext().getLogger("");
        root.addHandler(recorder);
        // Quarkus lowers the Kafka clients' loggers to WARNING; this test needs their INFO records to exist.
        Logger clients = LogContext.getLogContext().getLogger("org.apache.kafka.clients");
        Level clientsLevel = clients.getLevel();
        clients.setLevel(Level.INFO);
        KafkaLogHandler handler = null;
        try {
            handler = new KafkaLogHandler(producerConfig(cluster.bootstrapServers(), clientId), Topics.SERVICE_LOGS,
                    key, new PatternFormatter("%t|%c|%s"), 1024);
            root.addHandler(handler);
            String marker = "marker " + UUID.randomUUID();
            Logger.getLogger("io.eventmonitoring.test").info(marker);
            KafkaLogHandler shipping = handler;
            await().atMost(Duration.ofSeconds(30)).until(() -> shipping.shipped() > 0);
            root.removeHandler(handler);
            handler.close(Duration.ofSeconds(5));

            // acks=1: a record is visible to consumers once the followers have it, which may take a moment.
            List<String> values = new ArrayList<>();
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                values.clear();
                cluster.readAll(Topics.SERVICE_LOGS).stream()
                        .filter(r -> key.equals(r.key()))
                        .map(ConsumerRecord::value)
                        .forEach(values::add);
                assertThat(values).anyMatch(v -> v.endsWith("|io.eventmonitoring.test|" + marker));
            });
            String networkThread = "kafka-producer-network-thread | " + clientId;
            assertThat(threadsThatLogged).as("the producer logged on its own threads (config, cluster id)")
                    .contains("eventmonitoring-log-shipper", networkThread);
            assertThat(values).noneMatch(v -> v.startsWith(networkThread + "|")
                    || v.startsWith("eventmonitoring-log-shipper|") || v.contains(clientId));
        } finally {
            clients.setLevel(clientsLevel);
            root.removeHandler(recorder);
            if (handler != null) {
                root.removeHandler(handler);
                handler.close(Duration.ofSeconds(1));
            }
        }
    }
}
