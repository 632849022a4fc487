package io.eventmonitoring.elastic;

import com.fasterxml.jackson.databind.JsonNode;
import io.eventmonitoring.events.CloudEvent;
import io.eventmonitoring.events.CloudEventCodec;
import io.eventmonitoring.events.EventType;
import io.eventmonitoring.events.Topics;
import io.eventmonitoring.logging.LogField;
import io.eventmonitoring.logging.LogFields;
import io.eventmonitoring.logging.Outcome;
import io.eventmonitoring.testing.KafkaClusterResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.ConfigProvider;
import org.jboss.logging.Logger;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.ExecutionException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Real records into the real Elasticsearch: a Quarkus application with the log-shipping library writes ECS log
 * lines (as the bridge does, with outcomes per channel) to service-logs on a real KRaft cluster, the events
 * module's codec writes CloudEvents to business-events; both topics are read back and indexed as the Logstash
 * pipeline would, by the writer user. Then the mapped types and every dashboard panel's aggregation are checked
 * against those documents.
 */
@QuarkusTest
@QuarkusTestResource(KafkaClusterResource.class)
class PipelineDocumentsTest {

    private static final Logger BRIDGE_LOG = Logger.getLogger("io.eventmonitoring.bridge.delivery");
    private static final String RUN = UUID.randomUUID().toString().substring(0, 8);
    private static final List<LogstashPipeline.Document> DOCUMENTS = new ArrayList<>();
    /** What the packaged services wrote in the e2e module's run (the full build runs it first), if present. */
    private static final List<ConsumerRecord<String, String>> CAPTURED = new ArrayList<>();

    @BeforeAll
    static void shipRecordsAndIndexThem() throws Exception {
        ElasticsearchNode es = ElasticsearchNode.shared();
        String bootstrap = ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class);
        int lines = logLikeTheBridge();
        publishEvents(bootstrap);

        await().atMost(Duration.ofSeconds(60)).until(() -> readAll(bootstrap, Topics.SERVICE_LOGS).stream()
                .filter(r -> r.value().contains(RUN)).count() >= lines);
        for (String topic : List.of(Topics.BUSINESS_EVENTS, Topics.SERVICE_LOGS)) {
            readAll(bootstrap, topic).stream().map(LogstashPipeline::document).forEach(DOCUMENTS::add);
            CAPTURED.addAll(capturedFromTheServices(topic));
        }
        CAPTURED.stream().map(LogstashPipeline::document).forEach(DOCUMENTS::add);

        StringBuilder bulk = new StringBuilder();
        for (LogstashPipeline.Document document : DOCUMENTS) {
            bulk.append("{\"create\":{\"_index\":\"").append(document.dataStream()).append("\"}}\n")
                    .append(document.source()).append('\n');
        }
        ElasticsearchNode.Response response = es.request(ElasticsearchNode.WRITER, "POST", "/_bulk", bulk.toString());
        assertThat(response.status()).isEqualTo(200);
        assertThat(response.body().path("errors").asBoolean()).as(response.text()).isFalse();
        es.admin("POST", "/logs-eventmonitoring.*/_refresh", null);
        System.out.printf("indexed %d documents (%d log lines of this run) as %s%n", DOCUMENTS.size(), lines,
                ElasticsearchNode.WRITER);
    }

    private static int logLikeTheBridge() {
        Object[][] deliveries = {
                {"user", Outcome.POSTED, 3}, {"user", Outcome.DIGESTED, 2}, {"user", Outcome.RATE_LIMITED, 1},
                {"order", Outcome.POSTED, 2}, {"order", Outcome.DEAD_LETTERED, 1}, {"order", Outcome.SILENCED, 1},
        };
        int lines = 0;
        for (Object[] delivery : deliveries) {
            for (int i = 0; i < (int) delivery[2]; i++) {
                String eventId = UUID.randomUUID().toString();
                String domain = (String) delivery[0];
                try (LogFields fields = LogFields.of(LogField.EVENT_ID, eventId)
                        .and(LogField.EVENT_TYPE, domain + ".created")
                        .and(LogField.DOMAIN, domain)
                        .and(LogField.ROUTE, domain + "-default")
                        .and(LogField.CHANNEL, domain)
                        .and(LogField.OUTCOME, delivery[1])) {
                    BRIDGE_LOG.infof("run %s: event %s %s to channel %s", RUN, eventId, delivery[1], domain);
                }
                lines++;
            }
        }
        BRIDGE_LOG.warnf("run %s: Slack answered 429 on channel user, waiting 1 s", RUN);
        BRIDGE_LOG.errorf(new IllegalStateException("POST https://hooks.slack.com/services/T0/B0/secret failed"),
                "run %s: delivery failed", RUN);
        return lines + 2;
    }

    private static void publishEvents(String bootstrap) throws ExecutionException, InterruptedException {
        Map<String, Object> props = Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ProducerConfig.ACKS_CONFIG, "all");
        EventType[] types = {EventType.USER_SIGNED_UP, EventType.USER_SIGNED_UP, EventType.USER_SIGNED_UP,
                EventType.USER_ACCOUNT_DELETED, EventType.ORDER_CREATED, EventType.ORDER_CREATED,
                EventType.ORDER_RETURNED};
        try (KafkaProducer<String, String> producer =
                     new KafkaProducer<>(props, new StringSerializer(), new StringSerializer())) {
            for (EventType type : types) {
                CloudEvent event = CloudEvent.of(type, UUID.randomUUID().toString(),
                        SavedObjects.MAPPER.createObjectNode().put("run", RUN).put("email", "someone@example.com"));
                producer.send(new ProducerRecord<>(Topics.BUSINESS_EVENTS, event.key(), CloudEventCodec.encode(event)))
                        .get();
            }
        }
    }

    private static List<ConsumerRecord<String, String>> capturedFromTheServices(String topic) throws IOException {
        Path file = Path.of(System.getProperty("eventmonitoring.captured-records.dir", "../../e2e/target/captured-records"))
                .resolve(topic + ".jsonl");
        if (!Files.exists(file)) {
            System.out.println("PipelineDocumentsTest: no records captured from the running services at " + file
                    + " (the e2e module writes them; the full ./mvnw verify runs it first)");
            return List.of();
        }
        List<ConsumerRecord<String, String>> records = new ArrayList<>();
        for (String line : Files.readAllLines(file)) {
            JsonNode json = SavedObjects.MAPPER.readTree(line);
            records.add(new ConsumerRecord<>(json.path("topic").asText(), json.path("partition").asInt(),
                    json.path("offset").asLong(), json.path("timestamp").asLong(), TimestampType.CREATE_TIME,
                    -1, -1, json.path("key").asText(), json.path("value").asText(), new RecordHeaders(), Optional.empty()));
        }
        return records;
    }

    private static List<ConsumerRecord<String, String>> readAll(String bootstrap, String topic) {
        Map<String, Object> props = Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        try (KafkaConsumer<String, String> consumer =
                     new KafkaConsumer<>(props, new StringDeserializer(), new StringDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(p -> new TopicPartition(topic, p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            List<ConsumerRecord<String, String>> records = new ArrayList<>();
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
            }
            return records;
        }
    }

    @Test
    void theFieldsTheDashboardsUseHaveTheirTypes() {
        Map<String, String> expected = new HashMap<>();
        expected.put("@timestamp", "date");
        expected.put("time", "date");
        expected.put("type", "keyword");
        expected.put("source", "keyword");
        expected.put("severity", "keyword");
        expected.put("data", "flattened");
        expected.put("eventmonitoring.domain", "keyword");
        expected.put("eventmonitoring.channel", "keyword");
        expected.put("eventmonitoring.outcome", "keyword");
        expected.put("eventmonitoring.event_id", "keyword");
        expected.put("log.level", "keyword");
        expected.put("log.logger", "keyword");
        expected.put("service.name", "keyword");
        expected.put("message", "text");
        expected.put("error.stack_trace", "text");
        expected.put("exception", "flattened");
        expected.put("mdc", "flattened");
        expected.put("process.thread.id", "long");
        expected.put("event.sequence", "long");
        expected.put("kafka.partition", "integer");
        expected.put("kafka.offset", "long");
        expected.put("kafka.timestamp", "date");
        expected.put("kafka.key", "keyword");

        Map<String, String> actual = mappedTypes();
        expected.forEach((field, type) -> assertThat(actual).as(field).containsEntry(field, type));
    }

    @Test
    void everyFieldProducedIsMappedByTheTemplatesAndNoneByGuessing() {
        Set<String> declared = new TreeSet<>();
        for (String stream : List.of("logs-eventmonitoring.events-simulated",
                "logs-eventmonitoring.service-simulated")) {
            JsonNode simulated = ElasticsearchNode.shared()
                    .admin("POST", "/_index_template/_simulate_index/" + stream, null);
            collectFields("", simulated.path("template").path("mappings").path("properties"), declared, null);
        }
        Set<String> guessed = new TreeSet<>(mappedTypes().keySet());
        guessed.removeAll(declared);
        assertThat(guessed).as("fields mapped dynamically instead of by the templates").isEmpty();
    }

    @Test
    void everyDashboardPanelAggregationMatchesTheDocuments() {
        List<SavedObjects.Panel> panels = SavedObjects.panels();
        assertThat(panels).isNotEmpty();
        for (SavedObjects.Panel panel : panels) {
            ElasticsearchNode.Response response = ElasticsearchNode.shared().request(ElasticsearchNode.READER,
                    "POST", "/" + panel.indexPattern() + "/_search", panel.searchRequest());
            assertThat(response.status()).as(panel.id() + ": " + response.text()).isEqualTo(200);

            Map<List<String>, Long> actual = new HashMap<>();
            flatten(response.body().path("aggregations"), panel, 0, new ArrayList<>(), actual);
            Map<List<String>, Long> expected = expectedBuckets(panel);

            assertThat(actual).as(panel.id() + " buckets").isNotEmpty().isEqualTo(expected);
        }
    }

    @Test
    void theRunningServicesRecordsAreIndexedAndCounted() {
        Assumptions.assumeFalse(CAPTURED.isEmpty(), "no records captured from the running services: run the e2e module first");
        JsonNode services = ElasticsearchNode.shared().request(ElasticsearchNode.READER, "POST",
                "/logs-eventmonitoring.service-*/_search",
                "{\"size\":0,\"aggs\":{\"s\":{\"terms\":{\"field\":\"service.name\"}}}}").body();
        List<String> names = new ArrayList<>();
        services.path("aggregations").path("s").path("buckets").forEach(b -> names.add(b.path("key").asText()));
        assertThat(names).contains("domain-user", "domain-order", "bridge");

        JsonNode events = ElasticsearchNode.shared().request(ElasticsearchNode.READER, "POST",
                "/logs-eventmonitoring.events-*/_search",
                "{\"size\":0,\"aggs\":{\"t\":{\"terms\":{\"field\":\"source\"}}}}").body();
        List<String> sources = new ArrayList<>();
        events.path("aggregations").path("t").path("buckets").forEach(b -> sources.add(b.path("key").asText()));
        assertThat(sources).contains("/domain-user", "/domain-order");

        long postedByTheBridge = CAPTURED.stream()
                .filter(r -> "bridge".equals(r.key()) && r.value().contains("\"eventmonitoring.outcome\":\"posted\""))
                .count();
        assertThat(postedByTheBridge).isPositive();
    }

    @Test
    void outcomesPerChannelAreWhatTheBridgeLogged() {
        SavedObjects.Panel panel = SavedObjects.panels().stream()
                .filter(p -> p.id().equals("eventmonitoring-slack-outcomes-by-channel")).findFirst().orElseThrow();
        JsonNode body = ElasticsearchNode.shared().request(ElasticsearchNode.READER, "POST",
                "/" + panel.indexPattern() + "/_search", panel.searchRequest()).body();
        Map<List<String>, Long> buckets = new HashMap<>();
        flatten(body.path("aggregations"), panel, 0, new ArrayList<>(), buckets);

        // Keys in the panel's column order: outcome (the breakdown), then channel (the x axis); what this test logged,
        // plus what the bridge logged in the e2e run, if its records were captured.
        Map<List<String>, Long> expected = new HashMap<>(Map.of(
                List.of("posted", "user"), 3L,
                List.of("digested", "user"), 2L,
                List.of("rate-limited", "user"), 1L,
                List.of("posted", "order"), 2L,
                List.of("dead-lettered", "order"), 1L,
                List.of("silenced", "order"), 1L));
        for (ConsumerRecord<String, String> record : CAPTURED) {
            if (!Topics.SERVICE_LOGS.equals(record.topic())) {
                continue;
            }
            JsonNode line = LogstashPipeline.document(record).source();
            String outcome = valueOf(line, "eventmonitoring.outcome");
            String channel = valueOf(line, "eventmonitoring.channel");
            if (outcome != null && channel != null) {
                expected.merge(List.of(outcome, channel), 1L, Long::sum);
            }
        }
        assertThat(buckets).isEqualTo(expected);
    }

    private static Map<String, String> mappedTypes() {
        JsonNode mappings = ElasticsearchNode.shared().admin("GET", "/logs-eventmonitoring.*/_mapping", null);
        Map<String, String> types = new HashMap<>();
        for (JsonNode index : mappings) {
            collectFields("", index.path("mappings").path("properties"), null, types);
        }
        return types;
    }

    private static void collectFields(String prefix, JsonNode properties, Set<String> names,
                                      Map<String, String> types) {
        for (Iterator<Map.Entry<String, JsonNode>> it = properties.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> field = it.next();
            String name = prefix + field.getKey();
            if (field.getValue().has("properties")) {
                collectFields(name + ".", field.getValue().path("properties"), names, types);
            } else {
                if (names != null) {
                    names.add(name);
                }
                if (types != null) {
                    types.put(name, field.getValue().path("type").asText());
                }
            }
        }
    }

    /** Document counts per combination of the panel's terms keys, summed over date histogram buckets. */
    private static void flatten(JsonNode aggregations, SavedObjects.Panel panel, int level, List<String> key,
                                Map<List<String>, Long> into) {
        if (level == panel.buckets().size()) {
            return;
        }
        boolean terms = panel.buckets().get(level).operation().equals("terms");
        for (JsonNode bucket : aggregations.path("b" + level).path("buckets")) {
            List<String> next = new ArrayList<>(key);
            if (terms) {
                next.add(bucket.path("key").asText());
            }
            if (level == panel.buckets().size() - 1) {
                if (bucket.path("doc_count").asLong() > 0) {
                    into.merge(next, bucket.path("doc_count").asLong(), Long::sum);
                }
            } else {
                flatten(bucket, panel, level + 1, next, into);
            }
        }
    }

    private static Map<List<String>, Long> expectedBuckets(SavedObjects.Panel panel) {
        String prefix = panel.indexPattern().replace("*", "");
        Map<List<String>, Long> expected = new HashMap<>();
        for (LogstashPipeline.Document document : DOCUMENTS) {
            if (!document.dataStream().startsWith(prefix) || !matches(document.source(), panel)) {
                continue;
            }
            List<String> key = new ArrayList<>();
            for (SavedObjects.Bucket bucket : panel.buckets()) {
                if (bucket.operation().equals("terms")) {
                    String value = valueOf(document.source(), bucket.field());
                    if (value == null) {
                        key = null;
                        break;
                    }
                    key.add(value);
                }
            }
            if (key != null) {
                expected.merge(key, 1L, Long::sum);
            }
        }
        return expected;
    }

    private static boolean matches(JsonNode document, SavedObjects.Panel panel) {
        if (panel.conditions().isEmpty()) {
            return true;
        }
        boolean any = false;
        boolean all = true;
        for (SavedObjects.Condition condition : panel.conditions()) {
            String value = valueOf(document, condition.field());
            boolean match = condition.value() == null ? value != null : condition.value().equals(value);
            any |= match;
            all &= match;
        }
        return panel.anyCondition() ? any : all;
    }

    /** A field by its dotted name, whether the JSON has it as a dotted key ("log.level") or nested. */
    private static String valueOf(JsonNode node, String field) {
        JsonNode direct = node.get(field);
        if (direct != null && !direct.isContainerNode()) {
            return direct.asText();
        }
        int dot = field.indexOf('.');
        while (dot > 0) {
            JsonNode parent = node.get(field.substring(0, dot));
            if (parent != null && parent.isObject()) {
                String value = valueOf(parent, field.substring(dot + 1));
                if (value != null) {
                    return value;
                }
            }
            dot = field.indexOf('.', dot + 1);
        }
        return null;
    }
}
