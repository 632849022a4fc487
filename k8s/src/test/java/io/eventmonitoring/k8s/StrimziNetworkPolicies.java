package io.eventmonitoring.k8s;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * The NetworkPolicy Strimzi's cluster operator generates for a Kafka cluster's nodes, modelled on Strimzi 1.2's
 * {@code KafkaCluster.generateNetworkPolicy} for an operator running in the cluster's own namespace: ingress only,
 * the control plane (9090) from the Kafka nodes and the cluster operator, replication (9091) from the Kafka nodes,
 * the cluster operator and the entity operator (and Kafka Exporter, Cruise Control, not deployed here), the
 * KafkaAgent (8443) from the cluster operator, each listener's port from its networkPolicyPeers (everyone when it
 * has none), and the metrics port from everyone when metrics are configured.
 */
final class StrimziNetworkPolicies {

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private StrimziNetworkPolicies() {
    }

    static ObjectNode forKafka(JsonNode kafka) {
        String cluster = Manifests.nameOf(kafka);
        String namespace = kafka.at("/metadata/namespace").asString();
        ObjectNode kafkaNodes = podSelector("strimzi.io/cluster", cluster, "strimzi.io/kind", "Kafka",
                "strimzi.io/name", cluster + "-kafka");
        ObjectNode clusterOperator = podSelector("strimzi.io/kind", "cluster-operator");
        ObjectNode entityOperator = podSelector("strimzi.io/name", cluster + "-entity-operator");
        ObjectNode exporter = podSelector("strimzi.io/name", cluster + "-kafka-exporter");
        ObjectNode cruiseControl = podSelector("strimzi.io/name", cluster + "-cruise-control");

        ObjectNode policy = JSON.objectNode();
        policy.put("apiVersion", "networking.k8s.io/v1").put("kind", "NetworkPolicy");
        policy.putObject("metadata").put("name", cluster + "-network-policy-kafka").put("namespace", namespace);
        ObjectNode spec = policy.putObject("spec");
        spec.set("podSelector", kafkaNodes.get("podSelector").deepCopy());
        spec.putArray("policyTypes").add("Ingress");
        ArrayNode ingress = spec.putArray("ingress");
        ingress.add(rule(9090, kafkaNodes, clusterOperator));
        ingress.add(rule(9091, clusterOperator, kafkaNodes, entityOperator, exporter, cruiseControl));
        ingress.add(rule(8443, clusterOperator));
        for (JsonNode listener : kafka.at("/spec/kafka/listeners")) {
            ObjectNode listenerRule = rule(listener.path("port").asInt());
            listener.path("networkPolicyPeers").forEach(peer -> ((ArrayNode) listenerRule.get("from")).add(peer.deepCopy()));
            ingress.add(listenerRule);
        }
        if (kafka.at("/spec/kafka/metricsConfig").isObject()) {
            ingress.add(rule(9404));
        }
        return policy;
    }

    private static ObjectNode rule(int port, ObjectNode... peers) {
        ObjectNode rule = JSON.objectNode();
        ArrayNode from = rule.putArray("from");
        for (ObjectNode peer : peers) {
            from.add(peer.deepCopy());
        }
        rule.putArray("ports").addObject().put("port", port).put("protocol", "TCP");
        return rule;
    }

    private static ObjectNode podSelector(String... keysAndValues) {
        ObjectNode peer = JSON.objectNode();
        ObjectNode labels = peer.putObject("podSelector").putObject("matchLabels");
        for (int i = 0; i < keysAndValues.length; i += 2) {
            labels.put(keysAndValues[i], keysAndValues[i + 1]);
        }
        return peer;
    }
}
