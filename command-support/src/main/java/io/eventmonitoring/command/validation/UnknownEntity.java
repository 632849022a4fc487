package io.eventmonitoring.command.validation;

import jakarta.validation.Payload;

/**
 * Payload of a constraint on a path segment whose violation means "no such entity": answered 404 rather than 400,
 * e.g. {@code @Pattern(regexp = Patterns.SKU, payload = UnknownEntity.class)}. {@link EntityId} always means it.
 */
public final class UnknownEntity implements Payload {

    private UnknownEntity() {
    }
}
