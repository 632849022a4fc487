package io.eventmonitoring.bridge.routing;

import com.fasterxml.jackson.databind.JsonNode;
import io.eventmonitoring.events.CloudEvent;
import io.eventmonitoring.events.Severity;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** A compiled route: what it matches and where it posts. */
public record Route(String name, String channel, Optional<String> domain, List<Glob> types,
                    Set<Severity> severities, Map<String, Glob> attributes, boolean continueMatching) {

    public boolean matches(CloudEvent event) {
        return domain.map(d -> d.equals(event.domain())).orElse(true)
                && (types.isEmpty() || types.stream().anyMatch(glob -> glob.matches(event.type())))
                && (severities.isEmpty() || severities.contains(event.severity()))
                && attributes.entrySet().stream().allMatch(a -> a.getValue().matches(attribute(event.data(), a.getKey())));
    }

    /** The text of a data attribute by dotted path, or null when absent or not a scalar. */
    public static String attribute(JsonNode data, String path) {
        JsonNode node = data;
        for (String part : path.split("\\.")) {
            if (node == null || !node.isObject()) {
                return null;
            }
            node = node.get(part);
        }
        return node == null || node.isContainerNode() || node.isNull() ? null : node.asText();
    }
}
