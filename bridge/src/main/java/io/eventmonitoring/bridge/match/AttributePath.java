package io.eventmonitoring.bridge.match;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.Arrays;
import java.util.List;

/** A dotted path into an event's {@code data}, such as {@code customer.tier}, split once. */
public record AttributePath(String expression, List<String> parts) {

    /** Compiles a path; the message of the exception says what is wrong with it. */
    public static AttributePath of(String expression) {
        if (expression == null || expression.isBlank()) {
            throw new IllegalArgumentException("an attribute path must not be empty");
        }
        List<String> parts = Arrays.asList(expression.split("\\.", -1));
        if (parts.stream().anyMatch(String::isEmpty)) {
            throw new IllegalArgumentException("'" + expression + "' is not a dotted path");
        }
        return new AttributePath(expression, List.copyOf(parts));
    }

    /** The text of the attribute, or null when absent or not a scalar. */
    public String valueIn(JsonNode data) {
        JsonNode node = data;
        for (String part : parts) {
            if (node == null || !node.isObject()) {
                return null;
            }
            node = node.get(part);
        }
        return node == null || node.isContainerNode() || node.isNull() ? null : node.asText();
    }

    @Override
    public String toString() {
        return expression;
    }
}
