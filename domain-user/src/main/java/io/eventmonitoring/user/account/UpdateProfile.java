package io.eventmonitoring.user.account;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.eventmonitoring.command.validation.Patterns;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Optional fields left out stay out of the event's data. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@Schema(description = "The whole profile as it is to be; bio may be left out")
public record UpdateProfile(
        @Schema(examples = "ada@example.com", required = true)
        @NotBlank @Email @Size(max = 254) String email,
        @Schema(examples = "Ada King", required = true)
        @NotBlank @Size(max = 100) @Pattern(regexp = Patterns.NO_CONTROL_CHARACTERS, message = Patterns.NO_CONTROL_CHARACTERS_MESSAGE)
        String name,
        @Schema(examples = "Writes notes on engines.")
        @Size(max = 500) String bio) {
}
