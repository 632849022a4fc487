package io.eventmonitoring.order.ordering;

import io.eventmonitoring.command.validation.Patterns;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

import java.math.BigDecimal;

@Schema(description = "A line of an order")
public record OrderItem(
        @Schema(examples = "KB-MECH-01", required = true)
        @NotNull @Pattern(regexp = Patterns.SKU, message = Patterns.SKU_MESSAGE) String sku,
        @Schema(examples = "2", required = true)
        @NotNull @Min(1) @Max(1000) Integer quantity,
        @Schema(examples = "89.90", required = true)
        @NotNull @DecimalMin("0.00") @Digits(integer = 9, fraction = 2) BigDecimal unitPrice) {

    BigDecimal lineTotal() {
        return unitPrice.multiply(BigDecimal.valueOf(quantity));
    }
}
