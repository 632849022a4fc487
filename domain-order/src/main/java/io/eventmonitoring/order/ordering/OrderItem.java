package io.eventmonitoring.order.ordering;

import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import java.math.BigDecimal;

public record OrderItem(
        @NotBlank @Size(max = 64) @Pattern(regexp = "[A-Za-z0-9-_]+", message = "must be letters, digits, - or _") String sku,
        @Min(1) @Max(1000) int quantity,
        @NotNull @DecimalMin("0.00") @Digits(integer = 9, fraction = 2) BigDecimal unitPrice) {
}
