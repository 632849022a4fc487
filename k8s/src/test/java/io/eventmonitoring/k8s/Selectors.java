package io.eventmonitoring.k8s;

import tools.jackson.databind.JsonNode;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Kubernetes label selectors: matchLabels and matchExpressions, both must hold; an empty selector matches all. */
final class Selectors {

    private Selectors() {
    }

    static boolean matches(JsonNode selector, Map<String, String> labels) {
        if (selector == null || selector.isMissingNode() || selector.isNull()) {
            return true;
        }
        for (Map.Entry<String, JsonNode> required : selector.path("matchLabels").properties()) {
            if (!required.getValue().asString().equals(labels.get(required.getKey()))) {
                return false;
            }
        }
        for (JsonNode expression : selector.path("matchExpressions")) {
            String value = labels.get(expression.path("key").asString());
            List<String> values = new ArrayList<>();
            expression.path("values").forEach(v -> values.add(v.asString()));
            boolean matches = switch (expression.path("operator").asString()) {
                case "In" -> value != null && values.contains(value);
                case "NotIn" -> value == null || !values.contains(value);
                case "Exists" -> value != null;
                case "DoesNotExist" -> value == null;
                default -> throw new IllegalArgumentException("unknown selector operator in " + expression);
            };
            if (!matches) {
                return false;
            }
        }
        return true;
    }
}
