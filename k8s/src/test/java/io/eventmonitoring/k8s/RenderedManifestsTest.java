package io.eventmonitoring.k8s;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;
import tools.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** Every document of every overlay is valid against the strict schemas, and lands in the project's namespace. */
class RenderedManifestsTest {

    private static final List<String> OVERLAYS = Overlays.NAMES;
    private static final Set<String> CLUSTER_SCOPED = Set.of("Namespace", "ClusterRole", "ClusterRoleBinding");

    private final SchemaValidator validator = new SchemaValidator(Repo.SCHEMAS);

    @ParameterizedTest
    @FieldSource("OVERLAYS")
    void everyDocumentMatchesItsSchema(String overlay) {
        Manifests manifests = Overlays.rendered(overlay);

        List<String> problems = new ArrayList<>();
        for (ObjectNode document : manifests.all()) {
            validator.validate(document).forEach(p -> problems.add(Manifests.describe(document) + " " + p));
        }

        assertThat(manifests.all()).hasSizeGreaterThan(20);
        assertThat(problems).as("schema problems in overlay " + overlay).isEmpty();
    }

    @ParameterizedTest
    @FieldSource("OVERLAYS")
    void everyNamespacedDocumentIsInTheProjectNamespace(String overlay) {
        List<String> misplaced = Overlays.rendered(overlay).all().stream()
                .filter(d -> !CLUSTER_SCOPED.contains(Manifests.kindOf(d)))
                .filter(d -> !"eventmonitoring".equals(d.path("metadata").path("namespace").asString("")))
                .map(Manifests::describe)
                .toList();

        assertThat(misplaced).isEmpty();
    }

    @Test
    void devRunsOneOfEverythingThatCanBeSingle() {
        Manifests dev = Overlays.rendered("dev");

        assertThat(dev.ofKind("Deployment")).allSatisfy(d -> assertThat(d.at("/spec/replicas").asInt()).isEqualTo(1));
        assertThat(dev.get("Elasticsearch", "eventmonitoring").at("/spec/nodeSets/0/count").asInt()).isEqualTo(1);
        assertThat(dev.ofKind("KafkaNodePool")).singleElement()
                .satisfies(pool -> assertThat(pool.at("/spec/roles").toString()).contains("controller", "broker"));
    }

    @Test
    void prodSpreadsThreeReplicasOfEveryServiceAndRunsThreeElasticsearchNodes() {
        Manifests prod = Overlays.rendered("prod");

        assertThat(prod.ofKind("Deployment")).allSatisfy(d -> {
            assertThat(d.at("/spec/replicas").asInt()).isEqualTo(3);
            assertThat(d.at("/spec/template/spec/topologySpreadConstraints/0/topologyKey").asString())
                    .isEqualTo("kubernetes.io/hostname");
        });
        assertThat(prod.get("Elasticsearch", "eventmonitoring").at("/spec/nodeSets/0/count").asInt()).isEqualTo(3);
        assertThat(prod.get("Kibana", "eventmonitoring").at("/spec/count").asInt()).isGreaterThanOrEqualTo(2);
        assertThat(prod.get("Logstash", "eventmonitoring").at("/spec/count").asInt()).isGreaterThanOrEqualTo(2);
        assertThat(prod.ofKind("KafkaNodePool")).extracting(Manifests::nameOf)
                .containsExactlyInAnyOrder("controller", "broker");
    }
}
