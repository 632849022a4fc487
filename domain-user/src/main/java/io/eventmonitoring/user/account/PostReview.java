package io.eventmonitoring.user.account;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.eventmonitoring.command.validation.Patterns;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Optional fields left out stay out of the event's data. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@Schema(description = "A review of a product by the user")
public record PostReview(
        @Schema(examples = "KB-MECH-01", required = true)
        @NotBlank @Pattern(regexp = Patterns.SKU, message = Patterns.SKU_MESSAGE) String productSku,
        @Schema(examples = "5", minimum = "1", maximum = "5", required = true)
        @NotNull @Min(1) @Max(5) Integer rating,
        @Schema(examples = "Solid and quiet", required = true)
        @NotBlank @Size(max = 120) @Pattern(regexp = Patterns.NO_CONTROL_CHARACTERS, message = Patterns.NO_CONTROL_CHARACTERS_MESSAGE)
        String title,
        @Schema(examples = "Typing on it all day, no complaints.")
        @Size(max = 4000) String text) {
}
