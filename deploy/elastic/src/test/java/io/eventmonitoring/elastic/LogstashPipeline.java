package io.eventmonitoring.elastic;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.eventmonitoring.events.Topics;
import org.apache.kafka.clients.consumer.ConsumerRecord;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;

/**
 * What logstash/pipeline/eventmonitoring.conf makes of a Kafka record, for the tests that cannot run Logstash:
 * the json codec, the Kafka coordinates of decorate_events copied out of @metadata, and for business events the
 * event time as @timestamp and the domain; then the data stream fields that choose the target.
 * ElasticStackContainersTest runs the real pipeline where Docker exists.
 */
final class LogstashPipeline {

    static final String NAMESPACE = "test";
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private LogstashPipeline() {
    }

    /** A document and the data stream it goes to. */
    record Document(String dataStream, ObjectNode source) {
    }

    static Document document(ConsumerRecord<String, String> record) {
        ObjectNode doc;
        try {
            doc = (ObjectNode) MAPPER.readTree(record.value());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        doc.put("@version", "1");
        if (!doc.has("@timestamp")) {
            doc.put("@timestamp", Instant.now().toString());
        }
        ObjectNode kafka = doc.putObject("kafka");
        kafka.put("topic", record.topic());
        kafka.put("partition", record.partition());
        kafka.put("offset", record.offset());
        kafka.put("key", record.key());
        kafka.put("timestamp", record.timestamp());
        kafka.put("consumer_group", "logstash");
        String dataset;
        if (record.topic().equals(Topics.BUSINESS_EVENTS)) {
            JsonNode time = doc.get("time");
            if (time != null) {
                doc.put("@timestamp", time.asText());
            }
            String type = doc.path("type").asText();
            doc.putObject("eventmonitoring").put("domain", type.substring(0, type.indexOf('.')));
            dataset = "eventmonitoring.events";
        } else {
            dataset = "eventmonitoring.service";
        }
        doc.putObject("data_stream").put("type", "logs").put("dataset", dataset).put("namespace", NAMESPACE);
        return new Document("logs-" + dataset + "-" + NAMESPACE, doc);
    }
}
