package io.eventmonitoring.order.ordering;

import io.eventmonitoring.command.validation.Patterns;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(description = "Why the order is cancelled")
public record Cancellation(
        @Schema(examples = "ordered by mistake", required = true)
        @NotBlank @Size(max = 500) @Pattern(regexp = Patterns.NO_CONTROL_CHARACTERS, message = Patterns.NO_CONTROL_CHARACTERS_MESSAGE)
        String reason) {
}
