package io.eventmonitoring.problem;

import com.fasterxml.jackson.databind.JsonMappingException;

/**
 * Names a bad field the way the client wrote it: {@code email}, {@code items[0].sku}, a parameter or header by its
 * name ({@code orderId}, {@code Idempotency-Key}), the request body as a whole {@link #BODY}.
 */
public final class FieldNames {

    /** The request body as a whole. */
    public static final String BODY = "body";

    private FieldNames() {
    }

    /** From the path Jackson was reading when it failed: {@code items[2].quantity}. */
    public static String of(JsonMappingException e) {
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
