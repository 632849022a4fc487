package io.eventmonitoring.order.ordering;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.eventmonitoring.command.validation.Patterns;
import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.math.BigDecimal;
import java.util.List;

/** Optional fields left out stay out of the event's data. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@Schema(description = "Goods sent back; the refund is what the customer is owed")
public record ReturnForRefund(
        @Schema(examples = "arrived damaged", required = true)
        @NotBlank @Size(max = 500) @Pattern(regexp = Patterns.NO_CONTROL_CHARACTERS, message = Patterns.NO_CONTROL_CHARACTERS_MESSAGE)
        String reason,
        @Schema(examples = "89.90", required = true)
        @NotNull @DecimalMin(value = "0.00", inclusive = false) @Digits(integer = 9, fraction = 2) BigDecimal refundAmount,
        @Schema(examples = "EUR", required = true)
        @NotNull @Pattern(regexp = Patterns.CURRENCY, message = Patterns.CURRENCY_MESSAGE) String currency,
        @Schema(description = "What comes back; all of the order when left out")
        @Size(max = 100) List<@NotNull @Valid ReturnedItem> items) {
}
