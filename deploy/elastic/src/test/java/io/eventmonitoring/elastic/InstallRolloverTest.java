package io.eventmonitoring.elastic;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * install.sh's data stream decisions against a fake Elasticsearch answering as 8.19 does to the requests the script
 * makes (the test distribution has no data streams): which streams it rolls over, that a second run changes
 * nothing, and what it leaves alone. ElasticStackContainersTest runs the same against a real cluster.
 */
class InstallRolloverTest {

    private static final String EVENTS = "logs-eventmonitoring.events-prod";
    private static final String SERVICE = "logs-eventmonitoring.service-prod";

    /** A backing index, and whether its mappings carry the project's _meta marker. */
    private record BackingIndex(String name, boolean fromProjectTemplate) {
    }

    private record Stream(String template, List<BackingIndex> indices) {
    }

    private final Map<String, Stream> streams = new LinkedHashMap<>();
    private final List<String> requests = new ArrayList<>();
    private HttpServer server;
    private int dataStreamApiStatus = 200;
    private int rolloverStatus = 200;

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::answer);
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    @Test
    void rollsOverExactlyTheStreamsWhoseWriteIndexCameFromAnotherTemplate() {
        stream(EVENTS, "logs-eventmonitoring.events", index(EVENTS, 1, false));
        // The write index is the newest: an old index from the built-in template no longer matters.
        stream(SERVICE, "logs-eventmonitoring.service", index(SERVICE, 1, false), index(SERVICE, 2, true));

        String output = install();

        assertThat(rollovers()).containsExactly("POST /" + EVENTS + "/_rollover");
        assertThat(output).contains("rolled over " + EVENTS + ": its write index " + index(EVENTS, 1, false).name(),
                "kept " + SERVICE);
        assertThat(streams.get(EVENTS).indices()).last().isEqualTo(index(EVENTS, 2, true));
    }

    @Test
    void aSecondRunChangesNothing() {
        stream(EVENTS, "logs-eventmonitoring.events", index(EVENTS, 1, false));
        stream(SERVICE, "logs-eventmonitoring.service", index(SERVICE, 1, false));
        install();
        requests.clear();

        String output = install();

        assertThat(rollovers()).isEmpty();
        assertThat(output).contains("kept " + EVENTS, "kept " + SERVICE).doesNotContain("rolled over");
    }

    @Test
    void nothingToDoBeforeTheFirstDocument() {
        String output = install();

        assertThat(rollovers()).isEmpty();
        assertThat(requests).anyMatch(r -> r.startsWith("GET /_data_stream/logs-eventmonitoring.*?"));
        assertThat(output).doesNotContain("rolled over", "kept");
    }

    @Test
    void leavesAloneAStreamThatAnotherTemplateMatches() {
        stream("logs-eventmonitoring.events-other", "someone-elses-template",
                index("logs-eventmonitoring.events-other", 1, false));

        String output = install();

        assertThat(rollovers()).isEmpty();
        assertThat(output).contains("left logs-eventmonitoring.events-other alone", "someone-elses-template");
    }

    @Test
    void aClusterWithoutTheDataStreamApiIsSkipped() {
        dataStreamApiStatus = 400;

        String output = install();

        assertThat(rollovers()).isEmpty();
        assertThat(output).contains("skipped the data stream check");
    }

    @Test
    void aRefusedRolloverFailsTheInstallSoTheJobRetries() {
        stream(EVENTS, "logs-eventmonitoring.events", index(EVENTS, 1, false));
        rolloverStatus = 403;

        assertThatThrownBy(this::install).hasMessageContaining("POST /" + EVENTS + "/_rollover failed with HTTP 403");
    }

    private String install() {
        String url = "http://127.0.0.1:" + server.getAddress().getPort();
        return ElasticAssets.installScript(Map.of("ES_URL", url, "ES_USER", "setup", "ES_PASSWORD", "secret",
                "ES_ROLES", "file", "WAIT_SECONDS", "5"));
    }

    private List<String> rollovers() {
        return requests.stream().filter(r -> r.endsWith("/_rollover")).toList();
    }

    private void stream(String name, String template, BackingIndex... indices) {
        streams.put(name, new Stream(template, new ArrayList<>(List.of(indices))));
    }

    private static BackingIndex index(String stream, int generation, boolean fromProjectTemplate) {
        return new BackingIndex(String.format(".ds-%s-2026.11.29-%06d", stream, generation), fromProjectTemplate);
    }

    private void answer(HttpExchange exchange) throws IOException {
        String method = exchange.getRequestMethod();
        String path = exchange.getRequestURI().getRawPath();
        String query = exchange.getRequestURI().getRawQuery();
        requests.add(method + " " + path + (query == null ? "" : "?" + query));
        exchange.getRequestBody().readAllBytes();
        if (method.equals("GET") && path.startsWith("/_data_stream/")) {
            respond(exchange, dataStreamApiStatus, dataStreamApiStatus == 200 ? dataStreams()
                    : "{\"error\":\"no handler found for uri [" + path + "] and method [GET]\",\"status\":400}");
        } else if (method.equals("GET") && path.endsWith("/_mapping")) {
            respond(exchange, 200, mappingMarker(path.substring(1, path.length() - "/_mapping".length())));
        } else if (method.equals("POST") && path.endsWith("/_rollover")) {
            respond(exchange, rolloverStatus, rolloverStatus == 200 ? rollover(path.split("/")[1])
                    : "{\"error\":{\"type\":\"security_exception\"},\"status\":403}");
        } else {
            // Health, the ILM status, and every PUT of a policy or template.
            respond(exchange, 200, "{\"acknowledged\":true}");
        }
    }

    /** GET /_data_stream/logs-eventmonitoring.*?filter_path=data_streams.name,...template,...indices.index_name */
    private String dataStreams() {
        ObjectNode body = SavedObjects.MAPPER.createObjectNode();
        if (streams.isEmpty()) {
            return "{}";
        }
        ArrayNode list = body.putArray("data_streams");
        streams.forEach((name, stream) -> {
            ObjectNode entry = list.addObject().put("name", name);
            ArrayNode indices = entry.putArray("indices");
            stream.indices().forEach(i -> indices.addObject().put("index_name", i.name()));
            entry.put("template", stream.template());
        });
        return body.toString();
    }

    /** GET /<index>/_mapping?filter_path=*.mappings._meta.managed_by: the marker, or {} without it. */
    private String mappingMarker(String index) {
        boolean marked = streams.values().stream().flatMap(s -> s.indices().stream())
                .anyMatch(i -> i.name().equals(index) && i.fromProjectTemplate());
        return marked ? "{\"" + index + "\":{\"mappings\":{\"_meta\":{\"managed_by\":\"event-monitoring\"}}}}" : "{}";
    }

    /** POST /<stream>/_rollover: the new write index comes from the template that now matches, the project's. */
    private String rollover(String name) {
        List<BackingIndex> indices = streams.get(name).indices();
        BackingIndex old = indices.get(indices.size() - 1);
        BackingIndex next = index(name, indices.size() + 1, true);
        indices.add(next);
        return "{\"acknowledged\":true,\"shards_acknowledged\":true,\"old_index\":\"" + old.name()
                + "\",\"new_index\":\"" + next.name() + "\",\"rolled_over\":true,\"dry_run\":false,\"lazy\":false,"
                + "\"conditions\":{}}";
    }

    private static void respond(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }
}
