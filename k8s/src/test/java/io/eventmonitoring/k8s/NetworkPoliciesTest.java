package io.eventmonitoring.k8s;

import io.eventmonitoring.k8s.NetworkPolicyEvaluator.Endpoint;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The rendered NetworkPolicies, with the one Strimzi generates for the Kafka nodes, over a table of flows that must
 * pass and flows that must not. Pods carry the labels the manifests give them and, for operator-made pods, the
 * labels Strimzi and ECK put on them; peers outside the namespace are modelled as the docs ask to label them.
 */
class NetworkPoliciesTest {

    private static final List<String> OVERLAYS = Overlays.NAMES;
    private static final String NAMESPACE = "eventmonitoring";
    /** A public address, as Slack's webhook endpoints have. */
    private static final String SLACK_IP = "52.0.0.10";
    private static final String PRIVATE_SERVICE_IP = "10.96.0.10";

    private record Flow(String from, String to, int port, String protocol, boolean allowed) {

        @Override
        public String toString() {
            return from + " -> " + to + ":" + port + "/" + protocol + (allowed ? " allowed" : " denied");
        }
    }

    private static final List<String> OUR_PODS = List.of("domain-user", "domain-order", "bridge", "logstash",
            "elasticsearch", "kibana", "elastic-setup", "controller", "broker", "entity-operator", "cluster-operator");

    private static final List<Flow> FLOWS = List.of(
            // Clients to the Kafka listener.
            allowed("domain-user", "broker", 9093),
            allowed("domain-order", "broker", 9093),
            allowed("bridge", "broker", 9093),
            allowed("logstash", "broker", 9093),
            // Kafka's own traffic.
            allowed("broker", "controller", 9090),
            allowed("controller", "controller", 9090),
            allowed("broker", "broker", 9091),
            allowed("entity-operator", "broker", 9091),
            allowed("entity-operator", "api-server", 6443),
            allowed("entity-operator", "api-server", 443),
            // Strimzi's cluster operator (in this namespace) to the nodes it manages and to the API server.
            allowed("cluster-operator", "broker", 9091),
            allowed("cluster-operator", "controller", 9090),
            allowed("cluster-operator", "broker", 8443),
            allowed("cluster-operator", "controller", 8443),
            allowed("cluster-operator", "api-server", 6443),
            // The Elastic stack.
            allowed("eck-operator", "elasticsearch", 9200),
            allowed("elasticsearch", "elasticsearch", 9300),
            allowed("logstash", "elasticsearch", 9200),
            allowed("kibana", "elasticsearch", 9200),
            allowed("elastic-setup", "elasticsearch", 9200),
            allowed("elastic-setup", "kibana", 5601),
            // Out of the cluster and into it.
            allowed("bridge", "slack", 443),
            allowed("ingress-controller", "domain-user", 8080),
            allowed("ingress-controller", "domain-order", 8080),
            allowed("ingress-controller", "kibana", 5601),
            allowed("prometheus", "domain-user", 8080),
            allowed("prometheus", "domain-order", 8080),
            // The bridge: Slack's clicks through the ingress controller to its API port; health and metrics on its
            // management port, which serves nothing else.
            allowed("ingress-controller", "bridge", 8080),
            allowed("prometheus", "bridge", 9000),

            // DNS only to the DNS pods.
            denied("domain-user", "kube-system-other", 53, "UDP"),
            denied("bridge", "kube-system-other", 443, "TCP"),
            // Only the bridge leaves the cluster, only on 443, only to public addresses.
            denied("domain-user", "slack", 443),
            denied("logstash", "slack", 443),
            denied("kibana", "slack", 443),
            denied("elasticsearch", "slack", 443),
            denied("bridge", "slack", 80),
            denied("bridge", "private-service", 443),
            denied("bridge", "api-server", 443),
            // Only the Strimzi operators reach the API server.
            denied("domain-user", "api-server", 443),
            denied("elastic-setup", "api-server", 6443),
            denied("broker", "api-server", 6443),
            // The brokers: only Kafka clients, only the client listener.
            denied("kibana", "broker", 9093),
            denied("elastic-setup", "broker", 9093),
            denied("other-namespace", "broker", 9093),
            denied("ingress-controller", "broker", 9093),
            denied("domain-user", "broker", 9091),
            denied("bridge", "controller", 9090),
            denied("logstash", "broker", 8443),
            denied("entity-operator", "controller", 9090),
            // Elasticsearch: only its clients and the ECK operator.
            denied("domain-user", "elasticsearch", 9200),
            denied("ingress-controller", "elasticsearch", 9200),
            denied("other-namespace", "elasticsearch", 9200),
            denied("prometheus", "elasticsearch", 9200),
            denied("entity-operator", "elasticsearch", 9200),
            denied("logstash", "elasticsearch", 9300),
            denied("eck-operator", "elasticsearch", 9300),
            // No rule left to Logstash's API, nobody else into Kibana, no lateral moves between services.
            denied("eck-operator", "logstash", 9600),
            denied("prometheus", "logstash", 9600),
            denied("logstash", "kibana", 5601),
            denied("other-namespace", "kibana", 5601),
            denied("domain-user", "domain-order", 8080),
            denied("bridge", "domain-user", 8080),
            denied("other-namespace", "domain-user", 8080),
            // Monitoring does not reach the bridge's API, the ingress controller not its management port.
            denied("prometheus", "bridge", 8080),
            denied("ingress-controller", "bridge", 9000),
            denied("other-namespace", "bridge", 8080),
            denied("other-namespace", "bridge", 9000),
            denied("domain-user", "bridge", 9000),
            // A pod nobody planned for gets DNS and nothing else.
            denied("stranger", "broker", 9093),
            denied("stranger", "slack", 443),
            denied("other-namespace", "stranger", 8080));

    private static Flow allowed(String from, String to, int port) {
        return new Flow(from, to, port, "TCP", true);
    }

    private static Flow denied(String from, String to, int port) {
        return new Flow(from, to, port, "TCP", false);
    }

    private static Flow denied(String from, String to, int port, String protocol) {
        return new Flow(from, to, port, protocol, false);
    }

    @ParameterizedTest
    @FieldSource("OVERLAYS")
    void theFlowTableHolds(String overlay) {
        Manifests manifests = Overlays.rendered(overlay);
        Map<String, Endpoint> endpoints = endpoints(manifests, overlay);
        NetworkPolicyEvaluator evaluator = evaluator(manifests);

        List<String> wrong = new ArrayList<>();
        for (Flow flow : FLOWS) {
            boolean allowed = evaluator.allows(endpoint(endpoints, flow.from()), endpoint(endpoints, flow.to()),
                    flow.port(), flow.protocol());
            if (allowed != flow.allowed()) {
                wrong.add(flow + " expected, but it is " + (allowed ? "allowed" : "denied"));
            }
        }

        assertThat(wrong).as("flows in overlay " + overlay).isEmpty();
    }

    @ParameterizedTest
    @FieldSource("OVERLAYS")
    void everyPodResolvesNamesAtTheClusterDnsOnly(String overlay) {
        Manifests manifests = Overlays.rendered(overlay);
        Map<String, Endpoint> endpoints = endpoints(manifests, overlay);
        NetworkPolicyEvaluator evaluator = evaluator(manifests);

        for (String pod : concat(OUR_PODS, List.of("stranger"))) {
            for (String protocol : List.of("UDP", "TCP")) {
                assertThat(evaluator.allows(endpoints.get(pod), endpoints.get("kube-dns"), 53, protocol))
                        .as(pod + " -> kube-dns:53/" + protocol).isTrue();
                assertThat(evaluator.allows(endpoints.get(pod), endpoints.get("kube-system-other"), 53, protocol))
                        .as(pod + " -> another kube-system pod:53/" + protocol).isFalse();
            }
        }
    }

    @ParameterizedTest
    @FieldSource("OVERLAYS")
    void everyPodOfTheNamespaceIsUnderTheDefaultDeny(String overlay) {
        Manifests manifests = Overlays.rendered(overlay);
        ObjectNode defaultDeny = manifests.get("NetworkPolicy", "default-deny");

        assertThat(defaultDeny.at("/spec/podSelector").isEmpty()).isTrue();
        assertThat(defaultDeny.at("/spec/policyTypes").toString()).contains("Ingress", "Egress");
        assertThat(defaultDeny.at("/spec/ingress").isMissingNode()).isTrue();
        assertThat(defaultDeny.at("/spec/egress").isMissingNode()).isTrue();
    }

    @ParameterizedTest
    @FieldSource("OVERLAYS")
    void theApiServerAddressIsTheOverlaysParameter(String overlay) {
        Manifests manifests = Overlays.rendered(overlay);
        String cidr = apiServerCidr(overlay);
        List<ObjectNode> apiClients = manifests.matching(d -> Manifests.kindOf(d).equals("NetworkPolicy")
                && d.at("/metadata/labels/eventmonitoring.io~1kubernetes-api-client").asString("").equals("true"));

        assertThat(cidr).matches("\\d+\\.\\d+\\.\\d+\\.\\d+/\\d+");
        assertThat(apiClients).extracting(Manifests::nameOf)
                .containsExactlyInAnyOrder("strimzi-entity-operator", "strimzi-cluster-operator");
        assertThat(apiClients).allSatisfy(policy ->
                assertThat(policy.at("/spec/egress/0/to/0/ipBlock/cidr").asString()).isEqualTo(cidr));
        assertThat(manifests.get("NetworkPolicy", "bridge").at("/spec/egress/1/to/0/ipBlock/except/0").asString())
                .as("the bridge's way out excludes the API server").isEqualTo(cidr);
        assertThat(manifests.ofKind("NetworkPolicy")).allSatisfy(policy ->
                assertThat(policy.toString()).doesNotContain("API_SERVER_CIDR"));
        assertThat(manifests.find("ConfigMap", "cluster-parameters")).as("parameters are not deployed").isEmpty();
    }

    @Test
    void theEvaluatorFollowsTheNetworkPolicyApi() {
        Map<String, String> ns = Map.of("kubernetes.io/metadata.name", "a");
        Endpoint web = Endpoint.pod("web", "a", ns, Map.of("app", "web"), "10.0.0.1", Map.of("http", 8080));
        Endpoint db = Endpoint.pod("db", "a", ns, Map.of("app", "db"), "10.0.0.2", Map.of());
        Endpoint elsewhere = Endpoint.pod("x", "b", Map.of("kubernetes.io/metadata.name", "b", "team", "x"),
                Map.of("app", "web"), "10.0.1.1", Map.of());
        Endpoint internet = Endpoint.address("internet", "8.8.8.8");

        NetworkPolicyEvaluator none = new NetworkPolicyEvaluator(List.of());
        assertThat(none.allows(web, db, 5432, "TCP")).as("no policy selects: open").isTrue();

        NetworkPolicyEvaluator dbIngress = new NetworkPolicyEvaluator(List.of(policy("""
                metadata: {name: db, namespace: a}
                spec:
                  podSelector: {matchLabels: {app: db}}
                  ingress:
                    - from: [{podSelector: {matchLabels: {app: web}}}]
                      ports: [{port: 5000, endPort: 5500}]
                """)));
        assertThat(dbIngress.allows(web, db, 5432, "TCP")).as("in the endPort range").isTrue();
        assertThat(dbIngress.allows(web, db, 5600, "TCP")).as("beyond endPort").isFalse();
        assertThat(dbIngress.allows(web, db, 5432, "UDP")).as("protocol defaults to TCP").isFalse();
        assertThat(dbIngress.allows(elsewhere, db, 5432, "TCP")).as("podSelector alone: own namespace").isFalse();
        assertThat(dbIngress.allows(db, internet, 443, "TCP")).as("no Egress type by default").isTrue();

        NetworkPolicyEvaluator andOr = new NetworkPolicyEvaluator(List.of(policy("""
                metadata: {name: web, namespace: a}
                spec:
                  podSelector: {matchLabels: {app: web}}
                  policyTypes: [Ingress, Egress]
                  ingress:
                    - from: [{namespaceSelector: {matchLabels: {team: x}}, podSelector: {matchLabels: {app: db}}}]
                    - from: [{namespaceSelector: {matchLabels: {team: x}}}]
                      ports: [{port: http}]
                  egress:
                    - to: [{ipBlock: {cidr: 0.0.0.0/0, except: [10.0.0.0/8]}}]
                """)));
        assertThat(andOr.allows(elsewhere, web, 8080, "TCP")).as("named port of the destination").isTrue();
        assertThat(andOr.allows(elsewhere, web, 9090, "TCP")).as("both selectors in one peer: and").isFalse();
        assertThat(andOr.allows(db, web, 8080, "TCP")).as("namespace not selected").isFalse();
        assertThat(andOr.allows(web, internet, 443, "TCP")).as("inside the ipBlock").isTrue();
        assertThat(andOr.allows(web, db, 443, "TCP")).as("in the ipBlock's except").isFalse();
    }

    /** Rendered policies, and Strimzi's for the Kafka nodes. */
    private static NetworkPolicyEvaluator evaluator(Manifests manifests) {
        List<JsonNode> policies = new ArrayList<>(manifests.ofKind("NetworkPolicy"));
        policies.add(StrimziNetworkPolicies.forKafka(manifests.get("Kafka", "eventmonitoring")));
        return new NetworkPolicyEvaluator(policies);
    }

    private static Map<String, Endpoint> endpoints(Manifests manifests, String overlay) {
        Map<String, String> ourNamespace = new LinkedHashMap<>();
        manifests.get("Namespace", NAMESPACE).at("/metadata/labels").properties()
                .forEach(e -> ourNamespace.put(e.getKey(), e.getValue().asString()));
        ourNamespace.put("kubernetes.io/metadata.name", NAMESPACE);
        Map<String, Endpoint> endpoints = new LinkedHashMap<>();
        PodFactory ours = new PodFactory(ourNamespace, endpoints);

        for (ObjectNode deployment : manifests.ofKind("Deployment")) {
            JsonNode pod = deployment.at("/spec/template");
            Map<String, Integer> ports = new LinkedHashMap<>();
            pod.at("/spec/containers").forEach(c -> c.path("ports").forEach(
                    p -> ports.put(p.path("name").asString(), p.path("containerPort").asInt())));
            ours.add(Manifests.nameOf(deployment), labels(pod.at("/metadata/labels")), ports);
        }
        ours.add("elastic-setup", labels(manifests.get("Job", "elastic-setup").at("/spec/template/metadata/labels")),
                Map.of());
        // ECK labels its pods with the resource's name; the Logstash pod template adds ours.
        Map<String, String> logstash = labels(manifests.get("Logstash", "eventmonitoring")
                .at("/spec/podTemplate/metadata/labels"));
        logstash.put("logstash.k8s.elastic.co/name", "eventmonitoring");
        logstash.put("common.k8s.elastic.co/type", "logstash");
        ours.add("logstash", logstash, Map.of());
        ours.add("elasticsearch", Map.of("elasticsearch.k8s.elastic.co/cluster-name", "eventmonitoring",
                "common.k8s.elastic.co/type", "elasticsearch"), Map.of());
        ours.add("kibana", Map.of("kibana.k8s.elastic.co/name", "eventmonitoring",
                "common.k8s.elastic.co/type", "kibana"), Map.of());
        // Strimzi's labels on the node pools' pods, the entity operator and its own cluster operator.
        for (String role : List.of("controller", "broker")) {
            ObjectNode pool = manifests.ofKind("KafkaNodePool").stream()
                    .filter(p -> p.at("/spec/roles").toString().contains("\"" + role + "\""))
                    .findFirst().orElseThrow(() -> new AssertionError("no KafkaNodePool with role " + role));
            String roles = pool.at("/spec/roles").toString();
            ours.add(role, Map.of("strimzi.io/cluster", "eventmonitoring", "strimzi.io/kind", "Kafka",
                    "strimzi.io/name", "eventmonitoring-kafka", "strimzi.io/pool-name", Manifests.nameOf(pool),
                    "strimzi.io/broker-role", String.valueOf(roles.contains("\"broker\"")),
                    "strimzi.io/controller-role", String.valueOf(roles.contains("\"controller\""))), Map.of());
        }
        ours.add("entity-operator", Map.of("strimzi.io/cluster", "eventmonitoring", "strimzi.io/kind", "Kafka",
                "strimzi.io/name", "eventmonitoring-entity-operator"), Map.of());
        ours.add("cluster-operator", Map.of("name", "strimzi-cluster-operator",
                "strimzi.io/kind", "cluster-operator"), Map.of());
        ours.add("stranger", Map.of("app.kubernetes.io/name", "stranger"), Map.of("http", 8080));

        new PodFactory(Map.of("kubernetes.io/metadata.name", "kube-system"), endpoints)
                .add("kube-dns", Map.of("k8s-app", "kube-dns"), Map.of())
                .add("kube-system-other", Map.of("k8s-app", "metrics-server"), Map.of());
        new PodFactory(Map.of("kubernetes.io/metadata.name", "elastic-system"), endpoints)
                .add("eck-operator", Map.of("control-plane", "elastic-operator"), Map.of());
        new PodFactory(Map.of("kubernetes.io/metadata.name", "ingress-nginx",
                "eventmonitoring.io/ingress-controller", "true"), endpoints)
                .add("ingress-controller", Map.of("app.kubernetes.io/name", "ingress-nginx"), Map.of());
        new PodFactory(Map.of("kubernetes.io/metadata.name", "monitoring", "eventmonitoring.io/monitoring", "true"),
                endpoints).add("prometheus", Map.of("app.kubernetes.io/name", "prometheus"), Map.of());
        new PodFactory(Map.of("kubernetes.io/metadata.name", "shop"), endpoints)
                .add("other-namespace", Map.of("app.kubernetes.io/name", "eventmonitoring-client"), Map.of());
        endpoints.put("api-server", Endpoint.address("api-server", apiServerCidr(overlay).split("/")[0]));
        endpoints.put("slack", Endpoint.address("slack", SLACK_IP));
        endpoints.put("private-service", Endpoint.address("private-service", PRIVATE_SERVICE_IP));
        return endpoints;
    }

    /** Pods of one namespace, each with an address of its own in the pod network. */
    private static final class PodFactory {

        private final Map<String, String> namespaceLabels;
        private final Map<String, Endpoint> endpoints;

        PodFactory(Map<String, String> namespaceLabels, Map<String, Endpoint> endpoints) {
            this.namespaceLabels = Map.copyOf(namespaceLabels);
            this.endpoints = endpoints;
        }

        PodFactory add(String name, Map<String, String> labels, Map<String, Integer> namedPorts) {
            String ip = "10.244.0." + (endpoints.size() + 1);
            endpoints.put(name, Endpoint.pod(name, namespaceLabels.get("kubernetes.io/metadata.name"),
                    namespaceLabels, Map.copyOf(labels), ip, Map.copyOf(namedPorts)));
            return this;
        }
    }

    private static String apiServerCidr(String overlay) {
        return Repo.envFile(Repo.overlay(overlay).resolve("cluster.env")).getProperty("API_SERVER_CIDR", "");
    }

    private static Map<String, String> labels(JsonNode node) {
        Map<String, String> labels = new LinkedHashMap<>();
        node.properties().forEach(e -> labels.put(e.getKey(), e.getValue().asString()));
        return labels;
    }

    private static Endpoint endpoint(Map<String, Endpoint> endpoints, String name) {
        Endpoint endpoint = endpoints.get(name);
        assertThat(endpoint).as("endpoint " + name).isNotNull();
        return endpoint;
    }

    private static ObjectNode policy(String yaml) {
        ObjectNode policy = (ObjectNode) Manifests.YAML.readTree(yaml);
        policy.put("apiVersion", "networking.k8s.io/v1").put("kind", "NetworkPolicy");
        return policy;
    }

    private static List<String> concat(List<String> first, List<String> second) {
        List<String> all = new ArrayList<>(first);
        all.addAll(second);
        return all;
    }
}
