package io.eventmonitoring.elastic;

import com.fasterxml.jackson.databind.JsonNode;
import io.eventmonitoring.events.CloudEvent;
import io.eventmonitoring.events.CloudEventCodec;
import io.eventmonitoring.events.EventType;
import io.eventmonitoring.events.Topics;
import io.eventmonitoring.logging.EcsJsonFormatter;
import io.eventmonitoring.logging.KafkaLogHandler;
import io.eventmonitoring.logging.LogField;
import io.eventmonitoring.logging.Outcome;
import io.quarkus.logging.json.runtime.AdditionalField;
import io.quarkus.logging.json.runtime.JsonFormatter;
import io.quarkus.logging.json.runtime.JsonLogConfig.AdditionalFieldConfig;
import io.quarkus.logging.json.runtime.JsonLogConfig.JsonConfig.LogFormat;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.jboss.logmanager.ExtLogRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.Network;
import org.testcontainers.containers.wait.strategy.Wait;
import org.testcontainers.kafka.KafkaContainer;
import org.testcontainers.utility.MountableFile;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.logging.Level;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The whole path with the real products, where a container engine exists: a Kafka broker, Elasticsearch, Logstash
 * running logstash/pipeline/*.conf with logstash/config/logstash.yml, and Kibana. install.sh puts templates, ILM and
 * roles through the APIs, rolls over a data stream created before them, and imports the dashboards as the setup
 * role; events and log records written to Kafka must arrive in both data streams, read back by a user with the
 * reader role. Skipped, with the reason printed, without Docker.
 */
// Not @Testcontainers(disabledWithoutDocker = true): its condition runs first and would skip without saying why.
@EnabledIf("dockerIsAvailable")
class ElasticStackContainersTest {

    /** The stack's version, set once in this module's pom (elasticsearch.version) and passed by surefire. */
    private static final String STACK = Objects.requireNonNull(System.getProperty("elasticsearch.version"),
            "elasticsearch.version is not set: run the test through Maven");
    private static final String PASSWORD = "e2e-" + UUID.randomUUID();
    private static final String NAMESPACE = "e2e";
    private static final String EARLY_STREAM = "logs-eventmonitoring.service-early";
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    static boolean dockerIsAvailable() {
        boolean available = DockerClientFactory.instance().isDockerAvailable();
        if (!available) {
            System.out.println("ElasticStackContainersTest skipped: no container engine here; it needs Docker to run"
                    + " Kafka, Elasticsearch, Logstash and Kibana " + STACK + " images.");
        }
        return available;
    }

    @Test
    void eventsAndLogsReachTheDataStreamsAndTheDashboardsImport() throws Exception {
        try (Network network = Network.newNetwork();
             KafkaContainer kafka = new KafkaContainer("apache/kafka:4.1.2")
                     .withNetwork(network).withListener("kafka:19092");
             GenericContainer<?> elasticsearch = new GenericContainer<>(
                     "docker.elastic.co/elasticsearch/elasticsearch:" + STACK)
                     .withNetwork(network).withNetworkAliases("elasticsearch")
                     .withEnv("discovery.type", "single-node")
                     .withEnv("ELASTIC_PASSWORD", PASSWORD)
                     .withEnv("xpack.security.enabled", "true")
                     .withEnv("xpack.security.http.ssl.enabled", "false")
                     .withEnv("xpack.security.transport.ssl.enabled", "false")
                     .withEnv("ES_JAVA_OPTS", "-Xms512m -Xmx512m")
                     .withExposedPorts(9200)
                     .waitingFor(Wait.forHttp("/_cluster/health").forPort(9200)
                             .withBasicCredentials("elastic", PASSWORD).forStatusCode(200)
                             .withStartupTimeout(Duration.ofMinutes(5)))) {
            kafka.start();
            elasticsearch.start();
            String es = "http://" + elasticsearch.getHost() + ":" + elasticsearch.getMappedPort(9200);

            // A document before the templates: Elasticsearch creates its data stream from the built-in logs template.
            call(es, "elastic", "POST", "/" + EARLY_STREAM + "/_doc", "{\"@timestamp\":\"2026-11-29T08:00:00Z\","
                    + "\"message\":\"before the templates\"}", 201);
            String installed = ElasticAssets.installScript(Map.of("ES_URL", es, "ES_USER", "elastic",
                    "ES_PASSWORD", PASSWORD, "ES_ROLES", "api"));
            assertThat(installed).contains("installed /_ilm/policy/eventmonitoring-logs",
                    "installed /_security/role/eventmonitoring_writer",
                    "installed /_security/role/eventmonitoring_reader",
                    "rolled over " + EARLY_STREAM);
            List<String> earlyIndices = backingIndices(es, EARLY_STREAM);
            assertThat(earlyIndices).hasSize(2);
            String writeIndex = earlyIndices.get(1);
            assertThat(call(es, "elastic", "GET", "/" + writeIndex + "/_mapping", null, 200).path(writeIndex)
                    .path("mappings").path("_meta").path("managed_by").asText()).isEqualTo("event-monitoring");
            assertThat(call(es, "elastic", "GET", "/" + writeIndex + "/_settings", null, 200).path(writeIndex)
                    .path("settings").path("index").path("lifecycle").path("name").asText())
                    .isEqualTo("eventmonitoring-logs");
            createUser(es, "logstash_writer", "eventmonitoring_writer");
            createUser(es, "dashboard_reader", "eventmonitoring_reader");
            call(es, "elastic", "POST", "/_security/user/kibana_system/_password",
                    "{\"password\":\"" + PASSWORD + "\"}", 200);

            try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                    kafka.getBootstrapServers()))) {
                admin.createTopics(List.of(new NewTopic(Topics.BUSINESS_EVENTS, 6, (short) 1),
                        new NewTopic(Topics.SERVICE_LOGS, 3, (short) 1))).all().get();
            }

            try (GenericContainer<?> logstash = new GenericContainer<>("docker.elastic.co/logstash/logstash:" + STACK)
                    .withNetwork(network)
                    .withCopyFileToContainer(
                            MountableFile.forHostPath(ElasticAssets.file("logstash/config/logstash.yml")),
                            "/usr/share/logstash/config/logstash.yml")
                    .withCopyFileToContainer(MountableFile.forHostPath(ElasticAssets.file("logstash/pipeline")),
                            "/usr/share/logstash/eventmonitoring-pipeline")
                    .withEnv("PATH_CONFIG", "/usr/share/logstash/eventmonitoring-pipeline")
                    .withEnv("KAFKA_BOOTSTRAP_SERVERS", "kafka:19092")
                    .withEnv("ELASTICSEARCH_HOSTS", "http://elasticsearch:9200")
                    .withEnv("ELASTICSEARCH_USER", "logstash_writer")
                    .withEnv("ELASTICSEARCH_PASSWORD", PASSWORD)
                    .withEnv("EVENTMONITORING_NAMESPACE", NAMESPACE)
                    .withEnv("LS_JAVA_OPTS", "-Xms256m -Xmx512m")
                    .waitingFor(Wait.forLogMessage(".*Pipelines running.*", 1)
                            .withStartupTimeout(Duration.ofMinutes(5)));
                 GenericContainer<?> kibana = new GenericContainer<>("docker.elastic.co/kibana/kibana:" + STACK)
                         .withNetwork(network)
                         .withEnv("ELASTICSEARCH_HOSTS", "http://elasticsearch:9200")
                         .withEnv("ELASTICSEARCH_USERNAME", "kibana_system")
                         .withEnv("ELASTICSEARCH_PASSWORD", PASSWORD)
                         .withExposedPorts(5601)
                         .waitingFor(Wait.forHttp("/api/status").forPort(5601)
                                 .withBasicCredentials("elastic", PASSWORD).forStatusCode(200)
                                 .withStartupTimeout(Duration.ofMinutes(5)))) {
                logstash.start();
                int events = publishEvents(kafka.getBootstrapServers());
                int lines = shipLogLines(kafka.getBootstrapServers());

                await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofSeconds(2)).untilAsserted(() -> {
                    assertThat(count(es, "logs-eventmonitoring.events-" + NAMESPACE)).isEqualTo(events);
                    assertThat(count(es, "logs-eventmonitoring.service-" + NAMESPACE)).isEqualTo(lines);
                });
                JsonNode event = search(es, "logs-eventmonitoring.events-" + NAMESPACE).get(0).path("_source");
                assertThat(event.path("kafka").path("topic").asText()).isEqualTo(Topics.BUSINESS_EVENTS);
                assertThat(event.path("eventmonitoring").path("domain").asText()).isIn("user", "order");
                assertThat(event.path("@timestamp").asText()).startsWith(event.path("time").asText().substring(0, 19));
                JsonNode backing = call(es, "elastic", "GET", "/logs-eventmonitoring.events-" + NAMESPACE
                        + "/_ilm/explain", null, 200).path("indices");
                assertThat(backing.elements().next().path("policy").asText()).isEqualTo("eventmonitoring-logs");

                kibana.start();
                String kibanaUrl = "http://" + kibana.getHost() + ":" + kibana.getMappedPort(5601);
                // Again, as the setup Job's role: the dashboards import, and the data streams stay as they are.
                createUser(es, "setup", "eventmonitoring_setup");
                String imported = ElasticAssets.installScript(Map.of("ES_URL", es, "ES_USER", "setup",
                        "ES_PASSWORD", PASSWORD, "ES_ROLES", "file", "KIBANA_URL", kibanaUrl));
                assertThat(imported).contains("imported eventmonitoring.ndjson into Kibana", "kept " + EARLY_STREAM,
                        "kept logs-eventmonitoring.events-" + NAMESPACE).doesNotContain("rolled over");
                assertThat(backingIndices(es, EARLY_STREAM)).isEqualTo(earlyIndices);
                for (String dashboard : List.of("eventmonitoring-business-events", "eventmonitoring-slack-delivery",
                        "eventmonitoring-service-logs")) {
                    call(kibanaUrl, "elastic", "GET", "/api/saved_objects/dashboard/" + dashboard, null, 200);
                }
            }
        }
    }

    private static int publishEvents(String bootstrap) throws Exception {
        List<EventType> types = List.of(EventType.USER_SIGNED_UP, EventType.ORDER_CREATED, EventType.ORDER_RETURNED);
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(
                Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap), new StringSerializer(),
                new StringSerializer())) {
            for (EventType type : types) {
                CloudEvent event = CloudEvent.of(type, UUID.randomUUID().toString(),
                        SavedObjects.MAPPER.createObjectNode().put("e2e", true));
                producer.send(new ProducerRecord<>(Topics.BUSINESS_EVENTS, event.key(), CloudEventCodec.encode(event)))
                        .get();
            }
        }
        return types.size();
    }

    /** Log records through the library's own handler and formatter, configured as quarkus-logging-json ECS. */
    private static int shipLogLines(String bootstrap) {
        Map<String, AdditionalField> additional = new LinkedHashMap<>();
        additional.put("ecs.version", new AdditionalField("1.12.2", AdditionalFieldConfig.Type.STRING));
        additional.put("data_stream.type", new AdditionalField("logs", AdditionalFieldConfig.Type.STRING));
        additional.put("service.name", new AdditionalField("bridge", AdditionalFieldConfig.Type.STRING));
        JsonFormatter ecs = new JsonFormatter("TIMESTAMP=@timestamp,LOGGER_NAME=log.logger,LEVEL=log.level,"
                + "THREAD_NAME=process.thread.name,THREAD_ID=process.thread.id,SEQUENCE=event.sequence,"
                + "EXCEPTION_MESSAGE=error.message,STACK_TRACE=error.stack_trace",
                Set.of("loggerClassName", "record"), additional);
        Map<String, Object> producer = new HashMap<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ProducerConfig.CLIENT_ID_CONFIG, "e2e-log-shipping"));
        KafkaLogHandler handler = new KafkaLogHandler(producer, Topics.SERVICE_LOGS, "bridge",
                EcsJsonFormatter.copyOf(ecs, "default", LogFormat.ECS), 1024);
        int lines = 0;
        for (Outcome outcome : Outcome.values()) {
            ExtLogRecord record = new ExtLogRecord(Level.INFO, "event " + outcome,
                    ElasticStackContainersTest.class.getName());
            record.setLoggerName("io.eventmonitoring.bridge.delivery");
            record.setMdc(Map.of(LogField.CHANNEL.key(), "user", LogField.OUTCOME.key(), outcome.value()));
            handler.publish(record);
            lines++;
        }
        handler.close(Duration.ofSeconds(30));
        assertThat(handler.shipped()).isEqualTo(lines);
        return lines;
    }

    private static List<String> backingIndices(String es, String dataStream) throws Exception {
        List<String> indices = new ArrayList<>();
        call(es, "elastic", "GET", "/_data_stream/" + dataStream, null, 200).path("data_streams").get(0)
                .path("indices").forEach(index -> indices.add(index.path("index_name").asText()));
        return indices;
    }

    private static void createUser(String es, String user, String role) throws Exception {
        call(es, "elastic", "POST", "/_security/user/" + user,
                "{\"password\":\"" + PASSWORD + "\",\"roles\":[\"" + role + "\"]}", 200);
    }

    private static long count(String es, String dataStream) throws Exception {
        HttpResponse<String> response = send(es, "dashboard_reader", "GET", "/" + dataStream + "/_count", null);
        return response.statusCode() == 200 ? SavedObjects.MAPPER.readTree(response.body()).path("count").asLong() : -1;
    }

    private static JsonNode search(String es, String dataStream) throws Exception {
        return call(es, "dashboard_reader", "GET", "/" + dataStream + "/_search", null, 200).path("hits").path("hits");
    }

    private static JsonNode call(String base, String user, String method, String path, String json, int expected)
            throws Exception {
        HttpResponse<String> response = send(base, user, method, path, json);
        assertThat(response.statusCode()).as(method + " " + path + ": " + response.body()).isEqualTo(expected);
        return SavedObjects.MAPPER.readTree(response.body());
    }

    private static HttpResponse<String> send(String base, String user, String method, String path, String json)
            throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path))
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
                        (user + ":" + PASSWORD).getBytes(StandardCharsets.UTF_8)))
                .method(method, json == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(json));
        if (json != null) {
            request.header("Content-Type", "application/json");
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
