package io.eventmonitoring.order.ordering;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import java.util.List;

public record CreateOrder(
        @NotBlank @Size(max = 64) String customerId,
        @NotNull @NotEmpty @Size(max = 100) List<@NotNull @Valid OrderItem> items) {
}
