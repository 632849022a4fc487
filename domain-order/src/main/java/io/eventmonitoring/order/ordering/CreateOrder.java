package io.eventmonitoring.order.ordering;

import io.eventmonitoring.command.validation.Patterns;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.hibernate.validator.constraints.UUID;

import java.util.List;

@Schema(description = "A new order")
public record CreateOrder(
        @Schema(description = "The ordering user's id (domain-user)", examples = "6f1c2d9e-4b7a-4e8e-9f5d-2a1b3c4d5e6f", required = true)
        @NotNull @UUID(allowNil = false, version = {1, 2, 3, 4, 5, 6, 7, 8}, message = "must be a user id (a lower-case UUID)")
        String customerId,
        @Schema(examples = "EUR", required = true)
        @NotNull @Pattern(regexp = Patterns.CURRENCY, message = Patterns.CURRENCY_MESSAGE) String currency,
        @Schema(required = true)
        @NotEmpty @Size(max = 100) List<@NotNull @Valid OrderItem> items) {
}
