package io.eventmonitoring.order.ordering;

import io.eventmonitoring.command.validation.Patterns;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

public record ReturnedItem(
        @Schema(examples = "KB-MECH-01", required = true)
        @NotNull @Pattern(regexp = Patterns.SKU, message = Patterns.SKU_MESSAGE) String sku,
        @Schema(examples = "1", required = true)
        @NotNull @Min(1) @Max(1000) Integer quantity) {
}
