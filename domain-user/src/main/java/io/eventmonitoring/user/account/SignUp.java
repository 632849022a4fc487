package io.eventmonitoring.user.account;

import io.eventmonitoring.command.validation.Patterns;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(description = "A new account")
public record SignUp(
        @Schema(examples = "ada@example.com", required = true)
        @NotBlank @Email @Size(max = 254) String email,
        @Schema(examples = "Ada Lovelace", required = true)
        @NotBlank @Size(max = 100) @Pattern(regexp = Patterns.NO_CONTROL_CHARACTERS, message = Patterns.NO_CONTROL_CHARACTERS_MESSAGE)
        String name) {
}
