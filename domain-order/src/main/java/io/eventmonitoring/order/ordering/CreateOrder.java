package io.eventmonitoring.order.ordering;

import io.eventmonitoring.command.validation.Patterns;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.util.List;

@Schema(description = "A new order")
public record CreateOrder(
        @Schema(description = "Who orders: a user id of domain-user, or a customer number", examples = "6f1c2d9e-4b7a-4e8e-9f5d-2a1b3c4d5e6f",
                required = true)
        @NotNull @Pattern(regexp = Patterns.EXTERNAL_ID, message = Patterns.EXTERNAL_ID_MESSAGE) String customerId,
        @Schema(description = "ISO 4217 code of the prices; " + CreateOrder.DEFAULT_CURRENCY + " when left out", examples = "EUR")
        @Pattern(regexp = Patterns.CURRENCY, message = Patterns.CURRENCY_MESSAGE) String currency,
        @Schema(required = true)
        @NotEmpty @Size(max = 100) List<@NotNull @Valid OrderItem> items) {

    static final String DEFAULT_CURRENCY = "EUR";

    /** The order as recorded: the currency is always explicit in the event. */
    CreateOrder withDefaults() {
        return currency != null ? this : new CreateOrder(customerId, DEFAULT_CURRENCY, items);
    }
}
