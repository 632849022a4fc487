package io.eventmonitoring.e2e;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.eventmonitoring.testing.KafkaCluster;
import org.apache.kafka.clients.consumer.ConsumerRecord;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Keeps what the running services really wrote to Kafka, one JSON line per record, in
 * {@code e2e/target/captured-records/<topic>.jsonl}: deploy/elastic's tests index these records into Elasticsearch
 * as the Logstash pipeline would, so the templates and dashboards are checked against the services' own output.
 */
final class CapturedRecords {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private CapturedRecords() {
    }

    static void write(String... topics) throws IOException {
        Path dir = ServiceProcess.repositoryRoot().resolve("e2e/target/captured-records");
        Files.createDirectories(dir);
        for (String topic : topics) {
            List<String> lines = new ArrayList<>();
            for (ConsumerRecord<String, String> record : KafkaCluster.shared().readAll(topic)) {
                ObjectNode line = MAPPER.createObjectNode()
                        .put("topic", record.topic())
                        .put("partition", record.partition())
                        .put("offset", record.offset())
                        .put("timestamp", record.timestamp())
                        .put("key", record.key())
                        .put("value", record.value());
                lines.add(MAPPER.writeValueAsString(line));
            }
            Files.write(dir.resolve(topic + ".jsonl"), lines);
        }
    }
}
