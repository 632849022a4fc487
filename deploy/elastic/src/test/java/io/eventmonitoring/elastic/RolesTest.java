package io.eventmonitoring.elastic;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** roles.yml (file realm, ECK) and roles/*.json (security API, install.sh) define the same roles. */
class RolesTest {

    @Test
    void theFileRealmAndTheApiGetTheSameRoles() throws IOException {
        JsonNode file = new ObjectMapper(new YAMLFactory()).readTree(ElasticAssets.file("elasticsearch/roles.yml")
                .toFile());
        Set<String> apiRoles = new HashSet<>();
        try (Stream<Path> files = Files.list(ElasticAssets.file("elasticsearch/roles"))) {
            for (Path json : files.toList()) {
                String name = json.getFileName().toString().replaceFirst("\\.json$", "");
                apiRoles.add(name);
                assertThat(SavedObjects.MAPPER.readTree(json.toFile())).as(name).isEqualTo(file.path(name));
            }
        }
        Set<String> fileRoles = new HashSet<>();
        file.fieldNames().forEachRemaining(fileRoles::add);
        assertThat(apiRoles).isEqualTo(fileRoles).containsExactlyInAnyOrder("eventmonitoring_writer",
                "eventmonitoring_reader", "eventmonitoring_setup");
    }
}
