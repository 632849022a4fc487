package io.eventmonitoring.elastic;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/** The Kibana saved objects of kibana/*.ndjson, and what their Lens panels ask Elasticsearch. */
final class SavedObjects {

    static final ObjectMapper MAPPER = new ObjectMapper();
    private static final Pattern KQL_TERM = Pattern.compile("([\\w.@]+)\\s*:\\s*(\\*|\"[^\"]*\")");

    private SavedObjects() {
    }

    static List<Path> files() {
        try (Stream<Path> files = Files.list(ElasticAssets.file("kibana"))) {
            return files.filter(p -> p.toString().endsWith(".ndjson")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every saved object of every NDJSON file; a line that is not a JSON object fails. */
    static List<JsonNode> all() {
        List<JsonNode> objects = new ArrayList<>();
        for (Path file : files()) {
            try {
                for (String line : Files.readAllLines(file)) {
                    if (!line.isBlank()) {
                        JsonNode object = MAPPER.readTree(line);
                        if (!object.isObject()) {
                            throw new IllegalStateException(file + ": not a JSON object: " + line);
                        }
                        objects.add(object);
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException(file + ": " + e.getMessage(), e);
            }
        }
        return objects;
    }

    static JsonNode byId(String type, String id) {
        return all().stream().filter(o -> type.equals(o.path("type").asText()) && id.equals(o.path("id").asText()))
                .findFirst().orElseThrow(() -> new IllegalStateException("no " + type + " " + id));
    }

    /** One bucketing column of a panel: a terms or date_histogram aggregation on a field. */
    record Bucket(String operation, String field, int size) {
    }

    /** A field condition of a panel's KQL query: {@code value} null means "exists". */
    record Condition(String field, String value) {
    }

    /** A Lens panel reduced to what it asks Elasticsearch: where, which buckets in order, which documents. */
    record Panel(String id, String title, String indexPattern, List<Bucket> buckets, List<Condition> conditions,
                 boolean anyCondition) {

        /** The search request the panel's chart depends on (fixed interval: the data spans minutes). */
        String searchRequest() {
            ObjectNode request = MAPPER.createObjectNode().put("size", 0);
            ObjectNode bool = request.putObject("query").putObject("bool");
            ArrayNode clauses = bool.putArray(anyCondition ? "should" : "filter");
            for (Condition condition : conditions) {
                if (condition.value() == null) {
                    clauses.addObject().putObject("exists").put("field", condition.field());
                } else {
                    clauses.addObject().putObject("term").put(condition.field(), condition.value());
                }
            }
            if (anyCondition) {
                bool.put("minimum_should_match", 1);
            }
            ObjectNode level = request;
            for (int i = 0; i < buckets.size(); i++) {
                Bucket bucket = buckets.get(i);
                ObjectNode agg = level.putObject("aggs").putObject("b" + i);
                if (bucket.operation().equals("date_histogram")) {
                    agg.putObject("date_histogram").put("field", bucket.field()).put("fixed_interval", "1h");
                } else {
                    agg.putObject("terms").put("field", bucket.field()).put("size", bucket.size());
                }
                level = agg;
            }
            return request.toString();
        }
    }

    static List<Panel> panels() {
        return all().stream().filter(o -> o.path("type").asText().equals("lens")).map(SavedObjects::panel).toList();
    }

    private static Panel panel(JsonNode lens) {
        JsonNode attributes = lens.path("attributes");
        JsonNode layers = attributes.path("state").path("datasourceStates").path("formBased").path("layers");
        if (layers.size() != 1) {
            throw new IllegalStateException(lens.path("id").asText() + ": expected one layer, found " + layers.size());
        }
        Map.Entry<String, JsonNode> layer = layers.properties().iterator().next();
        String dataViewId = null;
        for (JsonNode reference : lens.path("references")) {
            if (reference.path("name").asText().equals("indexpattern-datasource-layer-" + layer.getKey())) {
                dataViewId = reference.path("id").asText();
            }
        }
        if (dataViewId == null) {
            throw new IllegalStateException(lens.path("id").asText() + ": layer " + layer.getKey()
                    + " has no data view");
        }
        String indexPattern = byId("index-pattern", dataViewId).path("attributes").path("title").asText();
        List<Bucket> buckets = new ArrayList<>();
        for (JsonNode columnId : layer.getValue().path("columnOrder")) {
            JsonNode column = layer.getValue().path("columns").path(columnId.asText());
            if (column.path("isBucketed").asBoolean()) {
                buckets.add(new Bucket(column.path("operationType").asText(), column.path("sourceField").asText(),
                        column.path("params").path("size").asInt(0)));
            }
        }
        String kql = attributes.path("state").path("query").path("query").asText();
        List<Condition> conditions = new ArrayList<>();
        Matcher term = KQL_TERM.matcher(kql);
        while (term.find()) {
            String value = term.group(2);
            conditions.add(new Condition(term.group(1),
                    value.equals("*") ? null : value.substring(1, value.length() - 1)));
        }
        String rest = KQL_TERM.matcher(kql).replaceAll("").replace(" or ", "").replace(" and ", "").trim();
        if (!rest.isEmpty()) {
            throw new IllegalStateException(lens.path("id").asText() + ": query beyond `field : \"value\"` terms: "
                    + kql);
        }
        return new Panel(lens.path("id").asText(), attributes.path("title").asText(), indexPattern, buckets,
                conditions, kql.contains(" or "));
    }
}
