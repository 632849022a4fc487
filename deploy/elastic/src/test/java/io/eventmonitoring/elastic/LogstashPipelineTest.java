package io.eventmonitoring.elastic;

import com.fasterxml.jackson.databind.JsonNode;
import io.eventmonitoring.events.Topics;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The pipeline against the contracts it meets (Logstash itself runs in ElasticStackContainersTest): the topics and
 * consumer group of the design, and every field it writes mapped by the templates installed in the real node.
 */
class LogstashPipelineTest {

    /** A quoted field reference ("[kafka][topic]") or one inside a sprintf or dissect pattern (%{[a][b]}). */
    private static final Pattern REFERENCE = Pattern.compile("\"((?:\\[[\\w@.]+])+)\"|%\\{((?:\\[[\\w@.]+])+)}");

    private static String pipeline() throws IOException {
        return Files.readString(ElasticAssets.file("logstash/pipeline/eventmonitoring.conf"));
    }

    @Test
    void readsTheDesignTopicsAsTheLogstashGroup() throws IOException {
        String pipeline = pipeline();
        assertThat(pipeline).contains("topics => [\"" + Topics.BUSINESS_EVENTS + "\", \"" + Topics.SERVICE_LOGS + "\"]")
                .contains("group_id => \"logstash\"")
                .contains("codec => json")
                .contains("decorate_events => \"basic\"")
                .contains("data_stream => \"true\"");
    }

    @Test
    void readsOnlyCommittedRecordsAsTheDomainServicesPublishInTransactions() throws IOException {
        assertThat(pipeline()).contains("isolation_level => \"read_committed\"");
    }

    @Test
    void everyFieldThePipelineWritesIsMapped() throws IOException {
        Set<String> written = new TreeSet<>();
        Matcher matcher = REFERENCE.matcher(pipeline());
        while (matcher.find()) {
            for (int group = 1; group <= 2; group++) {
                String reference = matcher.group(group);
                if (reference != null && !reference.startsWith("[@metadata]")) {
                    written.add(reference.substring(1, reference.length() - 1).replace("][", "."));
                }
            }
        }
        assertThat(written).contains("kafka.topic", "kafka.offset", "eventmonitoring.domain", "data_stream.dataset");

        List<String> unmapped = new ArrayList<>();
        for (String stream : List.of("logs-eventmonitoring.events-pipeline", "logs-eventmonitoring.service-pipeline")) {
            JsonNode properties = ElasticsearchNode.shared()
                    .admin("POST", "/_index_template/_simulate_index/" + stream, null)
                    .path("template").path("mappings").path("properties");
            for (String field : written) {
                JsonNode node = properties;
                for (String part : field.split("\\.")) {
                    node = node.path(part).has("properties") ? node.path(part).path("properties") : node.path(part);
                }
                if (node.path("type").isMissingNode()) {
                    unmapped.add(stream + ": " + field);
                }
            }
        }
        assertThat(unmapped).isEmpty();
    }
}
