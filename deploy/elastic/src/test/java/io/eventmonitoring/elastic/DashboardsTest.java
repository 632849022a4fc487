package io.eventmonitoring.elastic;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** The saved objects of kibana/*.ndjson: well-formed, self-contained, and only using fields the templates map. */
class DashboardsTest {

    @Test
    void everyLineIsASavedObjectWithAUniqueId() throws IOException {
        for (Path file : SavedObjects.files()) {
            for (String line : Files.readAllLines(file)) {
                JsonNode object = SavedObjects.MAPPER.readTree(line);
                assertThat(object.path("id").asText()).as(line).isNotBlank();
                assertThat(object.path("type").asText()).isIn("index-pattern", "lens", "dashboard");
                assertThat(object.path("attributes").path("title").asText()).isNotBlank();
            }
        }
        List<JsonNode> all = SavedObjects.all();
        assertThat(all.stream().map(o -> o.path("type").asText() + "/" + o.path("id").asText()))
                .doesNotHaveDuplicates();
        assertThat(all.stream().filter(o -> o.path("type").asText().equals("dashboard"))).hasSize(3);
    }

    @Test
    void everyReferenceResolvesAndEveryPanelIsReferenced() throws IOException {
        List<JsonNode> all = SavedObjects.all();
        Set<String> known = new HashSet<>();
        all.forEach(o -> known.add(o.path("type").asText() + "/" + o.path("id").asText()));
        for (JsonNode object : all) {
            Set<String> names = new HashSet<>();
            for (JsonNode reference : object.path("references")) {
                assertThat(known).as(object.path("id").asText())
                        .contains(reference.path("type").asText() + "/" + reference.path("id").asText());
                names.add(reference.path("name").asText());
            }
            if (object.path("type").asText().equals("dashboard")) {
                JsonNode panels = SavedObjects.MAPPER.readTree(object.path("attributes").path("panelsJSON").asText());
                assertThat(panels).isNotEmpty();
                for (JsonNode panel : panels) {
                    assertThat(names).contains(panel.path("panelIndex").asText() + ":"
                            + panel.path("panelRefName").asText());
                }
                SavedObjects.MAPPER.readTree(object.path("attributes").path("optionsJSON").asText());
                SavedObjects.MAPPER.readTree(object.path("attributes").path("kibanaSavedObjectMeta")
                        .path("searchSourceJSON").asText());
            }
            if (object.path("type").asText().equals("lens")) {
                object.path("attributes").path("state").path("datasourceStates").path("formBased").path("layers")
                        .fieldNames().forEachRemaining(layer ->
                                assertThat(names).contains("indexpattern-datasource-layer-" + layer));
            }
        }
    }

    @Test
    void everyFieldAPanelUsesIsMappedWithASuitableType() {
        ElasticsearchNode es = ElasticsearchNode.shared();
        Map<String, Map<String, String>> mappingByPattern = new HashMap<>();
        for (JsonNode view : SavedObjects.all()) {
            if (view.path("type").asText().equals("index-pattern")) {
                String pattern = view.path("attributes").path("title").asText();
                Map<String, String> types = simulatedTypes(es, pattern);
                mappingByPattern.put(pattern, types);
                assertThat(types).as(pattern + " time field")
                        .containsEntry(view.path("attributes").path("timeFieldName").asText(), "date");
            }
        }
        for (SavedObjects.Panel panel : SavedObjects.panels()) {
            Map<String, String> types = mappingByPattern.get(panel.indexPattern());
            for (SavedObjects.Bucket bucket : panel.buckets()) {
                String expected = bucket.operation().equals("date_histogram") ? "date" : "keyword";
                assertThat(types).as(panel.id() + " " + bucket).containsEntry(bucket.field(), expected);
            }
            for (SavedObjects.Condition condition : panel.conditions()) {
                assertThat(types).as(panel.id() + " query").containsEntry(condition.field(), "keyword");
            }
        }
    }

    private static Map<String, String> simulatedTypes(ElasticsearchNode es, String pattern) {
        JsonNode simulated = es.admin("POST", "/_index_template/_simulate_index/" + pattern.replace("*", "dashboards"),
                null);
        Map<String, String> types = new HashMap<>();
        collect("", simulated.path("template").path("mappings").path("properties"), types);
        return types;
    }

    private static void collect(String prefix, JsonNode properties, Map<String, String> types) {
        properties.fields().forEachRemaining(field -> {
            if (field.getValue().has("properties")) {
                collect(prefix + field.getKey() + ".", field.getValue().path("properties"), types);
            } else {
                types.put(prefix + field.getKey(), field.getValue().path("type").asText());
            }
        });
    }
}
