package io.eventmonitoring.k8s;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The bridge's one public path: an Ingress with TLS for {@code /slack/actions} alone, to the bridge's API port; health
 * and metrics on the management port, which the images turn on at build time. (NetworkPoliciesTest checks who
 * reaches which port.)
 */
class BridgePublicPathTest {

    private static final List<String> OVERLAYS = Overlays.NAMES;

    @ParameterizedTest
    @FieldSource("OVERLAYS")
    void onlySlackActionsIsExposedOverTls(String overlay) {
        Manifests manifests = Overlays.rendered(overlay);

        List<ObjectNode> ingresses = manifests.ofKind("Ingress");
        assertThat(ingresses).hasSize(1);
        JsonNode spec = ingresses.get(0).path("spec");
        assertThat(spec.path("rules")).hasSize(1);
        JsonNode rule = spec.at("/rules/0");
        assertThat(rule.at("/http/paths")).hasSize(1);
        JsonNode path = rule.at("/http/paths/0");
        assertThat(path.path("path").asString()).isEqualTo("/slack/actions");
        assertThat(path.path("pathType").asString()).isEqualTo("Exact");
        assertThat(path.at("/backend/service/name").asString()).isEqualTo("bridge");
        assertThat(path.at("/backend/service/port/name").asString()).isEqualTo("http");
        assertThat(spec.path("defaultBackend").isMissingNode()).isTrue();

        String host = rule.path("host").asString();
        assertThat(host).isNotBlank().isEqualTo(Repo.envFile(Repo.overlay(overlay).resolve("cluster.env"))
                .getProperty("BRIDGE_PUBLIC_HOST"));
        assertThat(spec.path("tls")).hasSize(1);
        assertThat(spec.at("/tls/0/hosts/0").asString()).isEqualTo(host);
        assertThat(spec.at("/tls/0/secretName").asString()).isEqualTo("bridge-slack-tls");

        JsonNode http = port(manifests.get("Service", "bridge"), "http");
        assertThat(http.path("port").asInt()).isEqualTo(8080);
    }

    @ParameterizedTest
    @FieldSource("OVERLAYS")
    void healthAndMetricsAreOnTheManagementPort(String overlay) {
        Manifests manifests = Overlays.rendered(overlay);
        JsonNode container = manifests.get("Deployment", "bridge").at("/spec/template/spec/containers/0");

        assertThat(port(container, "management").path("containerPort").asInt()).isEqualTo(9000);
        assertThat(container.at("/livenessProbe/httpGet/port").asString()).isEqualTo("management");
        assertThat(container.at("/readinessProbe/httpGet/port").asString()).isEqualTo("management");
        assertThat(port(manifests.get("Service", "bridge"), "management").path("targetPort").asString())
                .isEqualTo("management");
        // The domain services keep health on their one port.
        assertThat(manifests.get("Deployment", "domain-user").at("/spec/template/spec/containers/0/livenessProbe/httpGet/port")
                .asString()).isEqualTo("http");
    }

    @Test
    void theBridgesImagesTurnTheManagementInterfaceOnAndItsOwnConfigDoesNot() {
        for (String dockerfile : List.of("Dockerfile.native", "Dockerfile.jvm")) {
            assertThat(ServiceModule.read(Repo.ROOT.resolve("bridge/src/main/docker").resolve(dockerfile)))
                    .as(dockerfile).contains("-Dquarkus.management.enabled=true").contains("EXPOSE 8080 9000");
        }
        // Local runs, dev mode and the tests keep /q/health and /q/metrics on the main port.
        assertThat(ServiceModule.read(Repo.ROOT.resolve("bridge/src/main/resources/application.properties")))
                .doesNotContain("quarkus.management.enabled");
    }

    private static JsonNode port(JsonNode owner, String name) {
        for (JsonNode port : owner.at(owner.has("spec") ? "/spec/ports" : "/ports")) {
            if (name.equals(port.path("name").asString())) {
                return port;
            }
        }
        throw new AssertionError("no port " + name + " in " + owner);
    }
}
