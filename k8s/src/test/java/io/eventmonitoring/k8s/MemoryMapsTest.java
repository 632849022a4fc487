package io.eventmonitoring.k8s;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * prod's Elasticsearch uses memory maps, with vm.max_map_count raised by k8s/node-tuning in a namespace of its own
 * (the project's namespace allows no privileged container); dev keeps them off and needs nothing on the nodes.
 */
class MemoryMapsTest {

    private static final Pattern REQUIRED = Pattern.compile("required=(\\d+)");
    private static final Pattern WAITED_FOR = Pattern.compile("max_map_count\\)\" -ge (\\d+)");

    @Test
    void prodMapsMemoryOnceTheNodeAllowsEnoughMapsAndDevDoesNot() {
        JsonNode prod = elasticsearchNodeSet("prod");
        JsonNode dev = elasticsearchNodeSet("dev");
        JsonNode wait = prod.at("/podTemplate/spec/initContainers/0");

        assertThat(prod.at("/config/node.store.allow_mmap").asBoolean(true)).isTrue();
        assertThat(wait.path("name").asString()).isEqualTo("wait-for-max-map-count");
        assertThat(number(WAITED_FOR, wait.at("/command/2").asString())).isEqualTo(requiredByNodeTuning());
        assertThat(wait.at("/securityContext/privileged").asBoolean(false)).isFalse();
        assertThat(wait.at("/securityContext/allowPrivilegeEscalation").asBoolean(true)).isFalse();
        assertThat(dev.at("/config/node.store.allow_mmap").asBoolean(true)).isFalse();
        assertThat(dev.at("/podTemplate/spec/initContainers").isMissingNode()).isTrue();
    }

    @Test
    void nodeTuningRunsPrivilegedOnlyInItsOwnNamespaceAndOnlyToSetTheSysctl() {
        Manifests tuning = nodeTuning();
        SchemaValidator validator = new SchemaValidator(Repo.SCHEMAS);
        List<String> problems = new ArrayList<>();
        tuning.all().forEach(d -> validator.validate(d).forEach(p -> problems.add(Manifests.describe(d) + " " + p)));
        ObjectNode daemonSet = tuning.get("DaemonSet", "max-map-count");
        String namespace = daemonSet.at("/metadata/namespace").asString();
        JsonNode pod = daemonSet.at("/spec/template/spec");

        assertThat(problems).isEmpty();
        assertThat(namespace).isNotEqualTo("eventmonitoring");
        assertThat(tuning.get("Namespace", namespace).at("/metadata/labels/pod-security.kubernetes.io~1enforce")
                .asString()).isEqualTo("privileged");
        assertThat(Overlays.rendered("prod").get("Namespace", "eventmonitoring")
                .at("/metadata/labels/pod-security.kubernetes.io~1enforce").asString()).isEqualTo("baseline");
        assertThat(pod.path("initContainers")).singleElement().satisfies(init -> {
            assertThat(init.at("/securityContext/privileged").asBoolean()).isTrue();
            assertThat(init.at("/command/2").asString()).contains("sysctl -w vm.max_map_count=");
        });
        assertThat(pod.path("containers")).allSatisfy(c -> {
            assertThat(c.at("/securityContext/privileged").asBoolean(false)).isFalse();
            assertThat(c.at("/securityContext/allowPrivilegeEscalation").asBoolean(true)).isFalse();
            assertThat(c.at("/securityContext/capabilities/drop").toString()).isEqualTo("[\"ALL\"]");
        });
        assertThat(pod.path("automountServiceAccountToken").asBoolean(true)).isFalse();
        List<JsonNode> containers = new ArrayList<>();
        pod.path("initContainers").forEach(containers::add);
        pod.path("containers").forEach(containers::add);
        assertThat(containers).allSatisfy(c -> {
            assertThat(c.path("image").asString()).as("registry and tag").matches("^[a-z0-9-]+\\.[a-z0-9.-]+/.+:[^:/]+$");
            assertThat(c.at("/resources/limits/memory").isMissingNode()).isFalse();
            assertThat(c.at("/resources/requests/cpu").isMissingNode()).isFalse();
        });
        assertThat(tuning.ofKind("NetworkPolicy")).singleElement()
                .satisfies(p -> assertThat(p.at("/spec/podSelector").isEmpty()).isTrue());
    }

    private static JsonNode elasticsearchNodeSet(String overlay) {
        return Overlays.rendered(overlay).get("Elasticsearch", "eventmonitoring").at("/spec/nodeSets/0");
    }

    private static long requiredByNodeTuning() {
        JsonNode init = nodeTuning().get("DaemonSet", "max-map-count").at("/spec/template/spec/initContainers/0");
        return number(REQUIRED, init.at("/command/2").asString());
    }

    private static Manifests nodeTuning() {
        Kustomize kustomize = Kustomize.get();
        Assumptions.assumeTrue(kustomize.unavailableReason().isEmpty(), () -> kustomize.unavailableReason().get());
        return Manifests.parse(kustomize.render(Repo.K8S.resolve("node-tuning")));
    }

    private static long number(Pattern pattern, String script) {
        Matcher matcher = pattern.matcher(script);
        assertThat(matcher.find()).as(pattern + " in " + script).isTrue();
        return Long.parseLong(matcher.group(1));
    }
}
