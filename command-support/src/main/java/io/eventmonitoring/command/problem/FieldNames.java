package io.eventmonitoring.command.problem;

import com.fasterxml.jackson.databind.JsonMappingException;
import jakarta.validation.ElementKind;
import jakarta.validation.Path;

import java.util.ArrayList;
import java.util.List;

/**
 * Names a bad field the way the client wrote it: {@code email}, {@code items[0].sku}, a path parameter by its name
 * ({@code orderId}), the request body as a whole {@code body}.
 */
final class FieldNames {

    static final String BODY = "body";

    private FieldNames() {
    }

    /**
     * From a Bean Validation path such as {@code signUp.body.email}: the method is dropped, and so is the parameter
     * when the violation lies inside it, since the client only sees the JSON of the body.
     */
    static String of(Path path) {
        List<String> segments = new ArrayList<>();
        boolean startsWithParameter = false;
        for (Path.Node node : path) {
            if (node.isInIterable() && !segments.isEmpty()) {
                Object position = node.getIndex() != null ? node.getIndex() : node.getKey();
                if (position != null) {
                    int last = segments.size() - 1;
                    segments.set(last, segments.get(last) + "[" + position + "]");
                }
            }
            if (node.getKind() == ElementKind.PARAMETER) {
                startsWithParameter = segments.isEmpty();
                segments.add(node.getName());
            } else if (node.getKind() == ElementKind.PROPERTY) {
                segments.add(node.getName());
            }
        }
        if (startsWithParameter && segments.size() > 1) {
            segments.remove(0);
        }
        return segments.isEmpty() ? BODY : String.join(".", segments);
    }

    /** From the path Jackson was reading when it failed: {@code items[2].quantity}. */
    static String of(JsonMappingException e) {
        StringBuilder field = new StringBuilder();
        for (JsonMappingException.Reference ref : e.getPath()) {
            if (ref.getFieldName() != null) {
                if (!field.isEmpty()) {
                    field.append('.');
                }
                field.append(ref.getFieldName());
            } else if (ref.getIndex() >= 0) {
                field.append('[').append(ref.getIndex()).append(']');
            }
        }
        return field.isEmpty() ? BODY : field.toString();
    }
}
