package io.eventmonitoring.elastic;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** install.sh against the real Elasticsearch (the shared node ran it once at start; this runs it again). */
class TemplatesInstallTest {

    private final ElasticsearchNode es = ElasticsearchNode.shared();

    private static List<String> names(String folder) throws IOException {
        try (Stream<Path> files = Files.list(ElasticAssets.file(folder))) {
            return files.map(p -> p.getFileName().toString().replaceFirst("\\.json$", "")).sorted().toList();
        }
    }

    @Test
    void installIsIdempotentAndEveryTemplateIsAccepted() throws IOException {
        String output = ElasticAssets.install(es.url(), ElasticsearchNode.ADMIN, es.password());

        // This distribution has neither the ILM nor the data streams module: the policy, its component template and
        // the rollover check are skipped, nothing else (InstallRolloverTest and ElasticStackContainersTest cover it).
        assertThat(output).contains("skipped ILM", "skipped the data stream check");
        for (String name : names("elasticsearch/component-templates")) {
            if (!name.equals("eventmonitoring@ilm")) {
                assertThat(output).contains("installed /_component_template/" + name);
                assertThat(es.admin("GET", "/_component_template/" + name, null)
                        .path("component_templates")).hasSize(1);
            }
        }
        for (String name : names("elasticsearch/index-templates")) {
            assertThat(output).contains("installed /_index_template/" + name);
            JsonNode template = es.admin("GET", "/_index_template/" + name, null)
                    .path("index_templates").get(0).path("index_template");
            assertThat(template.path("priority").asInt()).as("above the built-in logs template").isGreaterThan(100);
            assertThat(template.has("data_stream")).isTrue();
        }
    }

    @Test
    void theIndexTemplatesWinForTheDataStreamNames() {
        for (String dataset : List.of("events", "service")) {
            JsonNode simulated = es.admin("POST",
                    "/_index_template/_simulate_index/logs-eventmonitoring." + dataset + "-production", null);
            assertThat(simulated.path("template").path("settings").path("index").path("codec").asText())
                    .isEqualTo("best_compression");
            assertThat(simulated.path("template").path("mappings").path("properties").path("@timestamp")
                    .path("type").asText()).isEqualTo("date");
            assertThat(simulated.path("overlapping")).isEmpty();
            assertThat(simulated.path("template").path("mappings").path("_meta").path("managed_by").asText())
                    .as("the marker install.sh looks for on a write index").isEqualTo("event-monitoring");
        }
    }

    @Test
    void theIlmPolicyAndItsTemplateAreWellFormed() throws IOException {
        // Installed and exercised by ElasticStackContainersTest where a full Elasticsearch runs; here their shape.
        JsonNode policy = SavedObjects.MAPPER.readTree(ElasticAssets.file("elasticsearch/ilm/eventmonitoring-logs.json")
                .toFile()).path("policy");
        assertThat(policy.path("phases").path("hot").path("actions").has("rollover")).isTrue();
        assertThat(policy.path("phases").path("delete").path("actions").has("delete")).isTrue();
        JsonNode ilmTemplate = SavedObjects.MAPPER.readTree(
                ElasticAssets.file("elasticsearch/component-templates/eventmonitoring@ilm.json").toFile());
        assertThat(ilmTemplate.path("template").path("settings").path("index.lifecycle.name").asText())
                .isEqualTo("eventmonitoring-logs");
        for (String name : names("elasticsearch/index-templates")) {
            JsonNode template = SavedObjects.MAPPER.readTree(
                    ElasticAssets.file("elasticsearch/index-templates/" + name + ".json").toFile());
            assertThat(template.path("composed_of").toString()).contains("eventmonitoring@ilm");
        }
    }
}
