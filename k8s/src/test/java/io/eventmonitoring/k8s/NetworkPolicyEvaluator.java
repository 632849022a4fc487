package io.eventmonitoring.k8s;

import tools.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Decides whether NetworkPolicies let a connection through, as the Kubernetes NetworkPolicy API defines it: a pod
 * selected by no policy of a direction is open in that direction; a selected pod accepts only what some rule of a
 * selecting policy allows; a connection needs the source's egress and the destination's ingress. Peers: podSelector
 * (in the policy's namespace), namespaceSelector, both (and), ipBlock with except. Ports: numbers, the destination's
 * named ports, endPort ranges, protocols (TCP unless given).
 */
final class NetworkPolicyEvaluator {

    /**
     * Something a connection can come from or go to: a pod (namespace and labels set) or an address outside any pod
     * network the policies know (namespace empty). Every endpoint has an IP, which ipBlock peers match.
     */
    record Endpoint(String name, Optional<String> namespace, Map<String, String> namespaceLabels,
                    Map<String, String> labels, String ip, Map<String, Integer> namedPorts) {

        static Endpoint pod(String name, String namespace, Map<String, String> namespaceLabels,
                            Map<String, String> labels, String ip, Map<String, Integer> namedPorts) {
            return new Endpoint(name, Optional.of(namespace), namespaceLabels, labels, ip, namedPorts);
        }

        static Endpoint address(String name, String ip) {
            return new Endpoint(name, Optional.empty(), Map.of(), Map.of(), ip, Map.of());
        }
    }

    private final List<JsonNode> policies;

    NetworkPolicyEvaluator(List<? extends JsonNode> policies) {
        this.policies = List.copyOf(policies);
    }

    boolean allows(Endpoint from, Endpoint to, int port, String protocol) {
        return direction(from, "Egress", "egress", "to", to, port, protocol)
                && direction(to, "Ingress", "ingress", "from", from, port, protocol);
    }

    /** Whether the policies of {@code subject}'s namespace let the connection out of it (or into it). */
    private boolean direction(Endpoint subject, String type, String rulesKey, String peersKey, Endpoint peer,
                              int port, String protocol) {
        if (subject.namespace().isEmpty()) {
            return true;
        }
        List<JsonNode> selecting = new ArrayList<>();
        for (JsonNode policy : policies) {
            if (namespaceOf(policy).equals(subject.namespace().get()) && hasType(policy, type)
                    && Selectors.matches(policy.at("/spec/podSelector"), subject.labels())) {
                selecting.add(policy);
            }
        }
        if (selecting.isEmpty()) {
            return true;
        }
        Endpoint destination = type.equals("Egress") ? peer : subject;
        for (JsonNode policy : selecting) {
            for (JsonNode rule : policy.at("/spec/" + rulesKey)) {
                if (peerMatches(rule.get(peersKey), peer, namespaceOf(policy))
                        && portMatches(rule.get("ports"), destination, port, protocol)) {
                    return true;
                }
            }
        }
        return false;
    }

    /** policyTypes as the API defaults it: Ingress always, Egress when the policy has egress rules. */
    private static boolean hasType(JsonNode policy, String type) {
        JsonNode types = policy.at("/spec/policyTypes");
        if (types.isMissingNode() || types.isEmpty()) {
            return type.equals("Ingress") || policy.at("/spec/egress").isArray();
        }
        return types.valueStream().anyMatch(t -> t.asString().equals(type));
    }

    private static boolean peerMatches(JsonNode peers, Endpoint endpoint, String policyNamespace) {
        if (peers == null || peers.isNull() || peers.isEmpty()) {
            return true;
        }
        for (JsonNode peer : peers) {
            JsonNode ipBlock = peer.get("ipBlock");
            if (ipBlock != null) {
                if (Cidr.contains(ipBlock.path("cidr").asString(), endpoint.ip())
                        && ipBlock.path("except").valueStream().noneMatch(e -> Cidr.contains(e.asString(), endpoint.ip()))) {
                    return true;
                }
                continue;
            }
            if (endpoint.namespace().isEmpty()) {
                continue;
            }
            JsonNode namespaceSelector = peer.get("namespaceSelector");
            JsonNode podSelector = peer.get("podSelector");
            boolean namespaceMatches = namespaceSelector == null
                    ? endpoint.namespace().get().equals(policyNamespace)
                    : Selectors.matches(namespaceSelector, endpoint.namespaceLabels());
            boolean podMatches = podSelector == null || Selectors.matches(podSelector, endpoint.labels());
            if (namespaceMatches && podMatches) {
                return true;
            }
        }
        return false;
    }

    private static boolean portMatches(JsonNode ports, Endpoint destination, int port, String protocol) {
        if (ports == null || ports.isNull() || ports.isEmpty()) {
            return true;
        }
        for (JsonNode entry : ports) {
            if (!entry.path("protocol").asString("TCP").equals(protocol)) {
                continue;
            }
            JsonNode value = entry.get("port");
            if (value == null) {
                return true;
            }
            Integer first = value.isNumber() ? Integer.valueOf(value.asInt()) : destination.namedPorts().get(value.asString());
            if (first == null) {
                continue;
            }
            int last = entry.has("endPort") ? entry.get("endPort").asInt() : first;
            if (port >= first && port <= last) {
                return true;
            }
        }
        return false;
    }

    private static String namespaceOf(JsonNode policy) {
        return policy.at("/metadata/namespace").asString("");
    }

    /** IPv4 CIDR membership. */
    static final class Cidr {

        private Cidr() {
        }

        static boolean contains(String cidr, String ip) {
            String[] parts = cidr.split("/");
            if (parts.length != 2) {
                throw new IllegalArgumentException("not a CIDR: " + cidr);
            }
            int bits = Integer.parseInt(parts[1]);
            long mask = bits == 0 ? 0 : (0xFFFFFFFFL << (32 - bits)) & 0xFFFFFFFFL;
            return (address(parts[0]) & mask) == (address(ip) & mask);
        }

        static long address(String ip) {
            String[] octets = ip.split("\\.");
            if (octets.length != 4) {
                throw new IllegalArgumentException("not an IPv4 address: " + ip);
            }
            long value = 0;
            for (String octet : octets) {
                int part = Integer.parseInt(octet);
                if (part < 0 || part > 255) {
                    throw new IllegalArgumentException("not an IPv4 address: " + ip);
                }
                value = value << 8 | part;
            }
            return value;
        }
    }
}
