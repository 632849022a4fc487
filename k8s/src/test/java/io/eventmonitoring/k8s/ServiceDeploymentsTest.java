package io.eventmonitoring.k8s;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** The services' Deployments against the services' own config: names, images, ports, probes, env, hardening. */
class ServiceDeploymentsTest {

    private static final List<String> OVERLAYS = Overlays.NAMES;
    /**
     * Quarkus's own settings the manifests use: the profile, the HTTP socket, extra config files (bridge routes), the
     * bridge's management interface.
     */
    private static final Set<String> QUARKUS_ENV = Set.of("QUARKUS_PROFILE", "QUARKUS_HTTP_HOST", "QUARKUS_HTTP_PORT",
            "QUARKUS_CONFIG_LOCATIONS", "QUARKUS_MANAGEMENT_HOST");
    /** Kafka client settings, which Quarkus passes from KAFKA_* variables to every Kafka client of a service. */
    private static final Set<String> KAFKA_CLIENT_SETTINGS = Set.of("bootstrap.servers", "security.protocol",
            "sasl.mechanism", "sasl.jaas.config", "ssl.truststore.type", "ssl.truststore.location");

    @ParameterizedTest
    @FieldSource("OVERLAYS")
    void eachServiceRunsItsNativeImageOnItsPortWithHealthProbes(String overlay) {
        Manifests manifests = Overlays.rendered(overlay);

        for (ServiceModule service : ServiceModule.all()) {
            ObjectNode deployment = manifests.get("Deployment", service.applicationName());
            JsonNode container = onlyContainer(deployment);

            assertThat(container.path("image").asString()).isEqualTo(Images.expected(overlay, service.applicationName()));
            assertThat(container.at("/ports/0/containerPort").asInt()).as(service.module() + " port")
                    .isEqualTo(service.httpPort());
            assertThat(container.at("/livenessProbe/httpGet/path").asString()).isEqualTo("/q/health/live");
            assertThat(container.at("/readinessProbe/httpGet/path").asString()).isEqualTo("/q/health/ready");
            assertThat(env(manifests, container)).containsEntry("QUARKUS_PROFILE", "prod,kubernetes")
                    .containsEntry("QUARKUS_HTTP_PORT", String.valueOf(service.httpPort()));
        }
    }

    @ParameterizedTest
    @FieldSource("OVERLAYS")
    void everyEnvironmentVariableIsOneTheServiceReads(String overlay) {
        Manifests manifests = Overlays.rendered(overlay);

        for (ServiceModule service : ServiceModule.all()) {
            JsonNode container = onlyContainer(manifests.get("Deployment", service.applicationName()));
            List<String> unknown = new ArrayList<>();
            for (String name : env(manifests, container).keySet()) {
                if (!QUARKUS_ENV.contains(name) && !isKafkaClientSetting(name) && !isReadBy(service, name)) {
                    unknown.add(name);
                }
            }
            assertThat(unknown).as("variables " + service.module() + " does not read").isEmpty();
        }
    }

    @ParameterizedTest
    @FieldSource("OVERLAYS")
    void everyServicePodIsHardened(String overlay) {
        Manifests manifests = Overlays.rendered(overlay);

        for (ObjectNode deployment : manifests.ofKind("Deployment")) {
            JsonNode pod = deployment.at("/spec/template/spec");
            assertThat(pod.at("/securityContext/runAsNonRoot").asBoolean()).as(Manifests.describe(deployment)).isTrue();
            assertThat(pod.at("/securityContext/seccompProfile/type").asString()).isEqualTo("RuntimeDefault");
            assertThat(pod.path("automountServiceAccountToken").asBoolean(true)).isFalse();
            for (JsonNode container : pod.path("containers")) {
                assertThat(container.at("/securityContext/readOnlyRootFilesystem").asBoolean()).isTrue();
                assertThat(container.at("/securityContext/allowPrivilegeEscalation").asBoolean(true)).isFalse();
                assertThat(container.at("/securityContext/capabilities/drop/0").asString()).isEqualTo("ALL");
                assertThat(container.at("/resources/requests/cpu").isMissingNode()).isFalse();
                assertThat(container.at("/resources/requests/memory").isMissingNode()).isFalse();
                assertThat(container.at("/resources/limits/memory").isMissingNode()).isFalse();
            }
        }
    }

    @ParameterizedTest
    @FieldSource("OVERLAYS")
    void everyDeploymentHasAServiceAndADisruptionBudgetSelectingItsPods(String overlay) {
        Manifests manifests = Overlays.rendered(overlay);

        for (ObjectNode deployment : manifests.ofKind("Deployment")) {
            JsonNode podLabels = deployment.at("/spec/template/metadata/labels");
            JsonNode port = onlyContainer(deployment).at("/ports/0");

            assertThat(manifests.ofKind("Service")).as("Service for " + Manifests.describe(deployment))
                    .anySatisfy(service -> {
                        assertThat(selects(service.at("/spec/selector"), podLabels)).isTrue();
                        assertThat(service.at("/spec/ports/0/targetPort").asString()).isEqualTo(port.path("name").asString());
                    });
            assertThat(manifests.ofKind("PodDisruptionBudget")).as("PDB for " + Manifests.describe(deployment))
                    .anySatisfy(pdb -> assertThat(selects(pdb.at("/spec/selector/matchLabels"), podLabels)).isTrue());
        }
    }

    @ParameterizedTest
    @FieldSource("OVERLAYS")
    void everyPodOfOursIsConfinedByNetworkPoliciesForIngressAndEgress(String overlay) {
        Manifests manifests = Overlays.rendered(overlay);
        List<ObjectNode> policies = manifests.ofKind("NetworkPolicy");
        List<ObjectNode> workloads = new ArrayList<>(manifests.ofKind("Deployment"));
        workloads.addAll(manifests.ofKind("Job"));

        for (ObjectNode workload : workloads) {
            JsonNode podLabels = workload.at("/spec/template/metadata/labels");
            for (String type : List.of("Ingress", "Egress")) {
                assertThat(policies).as(type + " policy for " + Manifests.describe(workload)).anySatisfy(policy -> {
                    assertThat(policySelects(policy, podLabels)).isTrue();
                    assertThat(policy.at("/spec/policyTypes").toString()).contains(type);
                });
            }
        }
    }

    @ParameterizedTest
    @FieldSource("OVERLAYS")
    void onlyKafkaClientsPassTheBrokersPolicyAndEachUsesItsOwnUser(String overlay) {
        Manifests manifests = Overlays.rendered(overlay);
        JsonNode peerLabels = manifests.get("Kafka", "eventmonitoring")
                .at("/spec/kafka/listeners/0/networkPolicyPeers/0/podSelector/matchLabels");
        assertThat(peerLabels.isObject()).isTrue();

        for (ServiceModule service : ServiceModule.all()) {
            ObjectNode deployment = manifests.get("Deployment", service.applicationName());
            assertThat(selects(peerLabels, deployment.at("/spec/template/metadata/labels"))).isTrue();
            assertThat(secretKeyRef(onlyContainer(deployment), "KAFKA_SASL_JAAS_CONFIG"))
                    .isEqualTo(service.applicationName() + "/sasl.jaas.config");
        }
        ObjectNode logstash = manifests.get("Logstash", "eventmonitoring");
        assertThat(selects(peerLabels, logstash.at("/spec/podTemplate/metadata/labels"))).isTrue();
        assertThat(secretKeyRef(logstash.at("/spec/podTemplate/spec/containers/0"), "KAFKA_SASL_JAAS_CONFIG"))
                .isEqualTo("logstash/sasl.jaas.config");
    }

    @ParameterizedTest
    @FieldSource("OVERLAYS")
    void theBridgeLoadsTheMountedRoutesWhichPostOnlyToChannelsItDefines(String overlay) {
        Manifests manifests = Overlays.rendered(overlay);
        ServiceModule bridge = ServiceModule.all().stream().filter(s -> s.module().equals("bridge")).findFirst().orElseThrow();
        JsonNode pod = manifests.get("Deployment", bridge.applicationName()).at("/spec/template/spec");
        JsonNode mount = pod.at("/containers/0/volumeMounts").valueStream()
                .filter(m -> m.path("name").asString().equals("routes")).findFirst().orElseThrow();
        String configMapName = pod.path("volumes").valueStream()
                .filter(v -> v.path("name").asString().equals("routes")).findFirst().orElseThrow()
                .at("/configMap/name").asString();
        JsonNode routesFile = Manifests.YAML.readTree(
                manifests.get("ConfigMap", configMapName).at("/data/routes.yaml").asString()).path("bridge");
        Set<String> channels = new TreeSet<>();
        Matcher channel = Pattern.compile("^bridge\\.channels\\.([^.]+)\\.").matcher("");
        bridge.propertyNames().forEach(key -> {
            if (channel.reset(key).find()) {
                channels.add(channel.group(1));
            }
        });

        assertThat(env(manifests, pod.at("/containers/0"))).containsEntry("QUARKUS_CONFIG_LOCATIONS",
                mount.path("mountPath").asString() + "/routes.yaml");
        assertThat(routesFile.path("routes").size()).isPositive();
        assertThat(channels).isNotEmpty();
        for (JsonNode route : routesFile.path("routes")) {
            assertThat(route.propertyNames()).isSubsetOf("name", "channel", "match", "continue", "template");
            assertThat(route.path("match").propertyNames()).isSubsetOf("domain", "type", "severity", "attributes");
            assertThat(channels).as("channel of route " + route.path("name").asString())
                    .contains(route.path("channel").asString());
        }
        assertThat(channels).contains(routesFile.path("default-channel").asString());
    }

    /** Whether the service's config names the variable: as ${NAME} or as the env form of one of its properties. */
    private static final Pattern CONFIG_PREFIX = Pattern.compile("String PREFIX = \"([^\"]+)\"");

    private static boolean isReadBy(ServiceModule service, String name) {
        if (service.rawProperties().contains("${" + name)) {
            return true;
        }
        return service.propertyNames().stream().anyMatch(key -> envName(key).equals(name))
                || ServiceModule.javaSources(service.dir().resolve("src/main/java")).stream()
                .anyMatch(source -> ServiceModule.read(source).contains("\"" + name + "\""))
                || configMappingPrefixes(service).stream().anyMatch(prefix -> name.startsWith(envName(prefix) + "_"));
    }

    /** The prefixes of the typed configuration (@ConfigMapping) in the service and the modules it depends on. */
    private static List<String> configMappingPrefixes(ServiceModule service) {
        List<String> prefixes = new ArrayList<>();
        for (Path module : service.withProjectDependencies()) {
            for (Path source : ServiceModule.javaSources(module.resolve("src/main/java"))) {
                String text = ServiceModule.read(source);
                Matcher prefix = CONFIG_PREFIX.matcher(text);
                if (text.contains("@ConfigMapping") && prefix.find()) {
                    prefixes.add(prefix.group(1));
                }
            }
        }
        return prefixes;
    }

    private static boolean isKafkaClientSetting(String name) {
        return name.startsWith("KAFKA_")
                && KAFKA_CLIENT_SETTINGS.contains(name.substring("KAFKA_".length()).toLowerCase(Locale.ROOT).replace('_', '.'));
    }

    /** SmallRye Config's environment name of a property: upper case, every other character than [A-Z0-9] as _. */
    private static String envName(String property) {
        return property.toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9]", "_");
    }

    /** The container's environment: its env entries (secrets as "secret:name/key") and its ConfigMaps' keys. */
    private static Map<String, String> env(Manifests manifests, JsonNode container) {
        Map<String, String> env = new LinkedHashMap<>();
        for (JsonNode from : container.path("envFrom")) {
            String name = from.at("/configMapRef/name").asString();
            manifests.get("ConfigMap", name).path("data").properties()
                    .forEach(e -> env.put(e.getKey(), e.getValue().asString()));
        }
        for (JsonNode variable : container.path("env")) {
            JsonNode secret = variable.at("/valueFrom/secretKeyRef");
            env.put(variable.path("name").asString(), secret.isMissingNode()
                    ? variable.path("value").asString()
                    : "secret:" + secret.path("name").asString() + "/" + secret.path("key").asString());
        }
        return env;
    }

    private static String secretKeyRef(JsonNode container, String variable) {
        for (JsonNode entry : container.path("env")) {
            if (variable.equals(entry.path("name").asString())) {
                JsonNode ref = entry.at("/valueFrom/secretKeyRef");
                return ref.path("name").asString() + "/" + ref.path("key").asString();
            }
        }
        throw new AssertionError("no " + variable + " in " + container.path("name").asString());
    }

    private static JsonNode onlyContainer(JsonNode deployment) {
        JsonNode containers = deployment.at("/spec/template/spec/containers");
        assertThat(containers.size()).as("containers of " + Manifests.describe(deployment)).isEqualTo(1);
        return containers.get(0);
    }

    private static boolean policySelects(JsonNode policy, JsonNode podLabels) {
        JsonNode selector = policy.at("/spec/podSelector");
        if (!selects(selector.path("matchLabels"), podLabels)) {
            return false;
        }
        for (JsonNode expression : selector.path("matchExpressions")) {
            String value = podLabels.path(expression.path("key").asString()).asString(null);
            List<String> values = new ArrayList<>();
            expression.path("values").forEach(v -> values.add(v.asString()));
            boolean matches = switch (expression.path("operator").asString()) {
                case "In" -> values.contains(value);
                case "NotIn" -> !values.contains(value);
                case "Exists" -> value != null;
                case "DoesNotExist" -> value == null;
                default -> throw new AssertionError("unknown operator in " + Manifests.describe(policy));
            };
            if (!matches) {
                return false;
            }
        }
        return true;
    }

    /** Whether every label of the selector is on the pod (an empty selector selects everything). */
    private static boolean selects(JsonNode matchLabels, JsonNode podLabels) {
        return matchLabels.properties().stream()
                .allMatch(e -> e.getValue().asString().equals(podLabels.path(e.getKey()).asString(null)));
    }
}
