package io.eventmonitoring.k8s;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Resources on every container we define, disruption budgets, and probes that leave slow starts alone. */
class AvailabilityTest {

    private static final List<String> OVERLAYS = Overlays.NAMES;

    /**
     * Every container's resources, wherever the manifests set them: pod templates of Deployments and Jobs, the ECK
     * resources' pod templates (ECK's own init containers bring theirs), the node pools and the entity operator.
     */
    @ParameterizedTest
    @FieldSource("OVERLAYS")
    void everyContainerRequestsCpuAndMemoryAndIsLimitedToItsMemory(String overlay) {
        Map<String, JsonNode> resources = new LinkedHashMap<>();
        Manifests manifests = Overlays.rendered(overlay);
        for (String kind : List.of("Deployment", "Job")) {
            for (ObjectNode workload : manifests.ofKind(kind)) {
                containers(workload.at("/spec/template/spec/containers"), Manifests.describe(workload), resources);
            }
        }
        ObjectNode elasticsearch = manifests.get("Elasticsearch", "eventmonitoring");
        for (JsonNode nodeSet : elasticsearch.at("/spec/nodeSets")) {
            String owner = "Elasticsearch nodeSet " + nodeSet.path("name").asString();
            containers(nodeSet.at("/podTemplate/spec/containers"), owner, resources);
            nodeSet.at("/podTemplate/spec/initContainers")
                    .forEach(c -> resources.put(owner + " init " + c.path("name").asString(), c.path("resources")));
        }
        containers(manifests.get("Kibana", "eventmonitoring").at("/spec/podTemplate/spec/containers"), "Kibana",
                resources);
        JsonNode logstash = manifests.get("Logstash", "eventmonitoring").at("/spec/podTemplate/spec");
        containers(logstash.path("containers"), "Logstash", resources);
        // Init containers with an image are ours; the others only harden ECK's, which sets their resources.
        logstash.path("initContainers").valueStream().filter(c -> c.has("image"))
                .forEach(c -> resources.put("Logstash init " + c.path("name").asString(), c.path("resources")));
        for (ObjectNode pool : manifests.ofKind("KafkaNodePool")) {
            resources.put(Manifests.describe(pool), pool.at("/spec/resources"));
        }
        JsonNode entityOperator = manifests.get("Kafka", "eventmonitoring").at("/spec/entityOperator");
        resources.put("topic operator", entityOperator.at("/topicOperator/resources"));
        resources.put("user operator", entityOperator.at("/userOperator/resources"));

        assertThat(resources).hasSizeGreaterThanOrEqualTo(10);
        resources.forEach((container, given) -> {
            assertThat(given.at("/requests/cpu").asString("")).as(container + " requests.cpu").isNotEmpty();
            long request = Quantities.bytes(given.at("/requests/memory").asString("-"));
            long limit = Quantities.bytes(given.at("/limits/memory").asString("-"));
            assertThat(limit).as(container + " memory limit").isGreaterThanOrEqualTo(request);
        });
    }

    @Test
    void prodBudgetsDisruptionsOfKibanaAndLogstash() {
        Manifests prod = Overlays.rendered("prod");
        Map<String, String> podLabels = Map.of(
                "Kibana", "kibana.k8s.elastic.co/name",
                "Logstash", "logstash.k8s.elastic.co/name");

        podLabels.forEach((kind, label) -> {
            assertThat(prod.get(kind, "eventmonitoring").at("/spec/count").asInt()).isGreaterThanOrEqualTo(2);
            assertThat(prod.ofKind("PodDisruptionBudget")).as("PDB for " + kind).anySatisfy(pdb -> {
                assertThat(pdb.at("/spec/selector/matchLabels").path(label).asString()).isEqualTo("eventmonitoring");
                assertThat(pdb.at("/spec/maxUnavailable").asInt()).isEqualTo(1);
            });
        });
    }

    /** Liveness that could kill a slow start waits for a startup probe with room for it. */
    @ParameterizedTest
    @FieldSource("OVERLAYS")
    void kibanaAndLogstashAreRestartedWhenDeadButNotWhileStarting(String overlay) {
        Manifests manifests = Overlays.rendered(overlay);
        Map<String, Integer> slowestStartSeconds = Map.of("Kibana", 600, "Logstash", 300);

        slowestStartSeconds.forEach((kind, seconds) -> {
            JsonNode container = manifests.get(kind, "eventmonitoring").at("/spec/podTemplate/spec/containers/0");
            JsonNode startup = container.path("startupProbe");
            assertThat(container.path("livenessProbe").isObject()).as(kind + " liveness").isTrue();
            assertThat(startup.path("periodSeconds").asInt() * startup.path("failureThreshold").asInt())
                    .as(kind + " startup allowance in seconds").isGreaterThanOrEqualTo(seconds);
            assertThat(startup.at("/tcpSocket/port").asInt()).isEqualTo(container.at("/livenessProbe/tcpSocket/port").asInt());
        });
    }

    private static void containers(JsonNode containers, String owner, Map<String, JsonNode> resources) {
        assertThat(containers.isArray()).as("containers of " + owner).isTrue();
        containers.forEach(c -> resources.put(owner + " " + c.path("name").asString(), c.path("resources")));
    }
}
