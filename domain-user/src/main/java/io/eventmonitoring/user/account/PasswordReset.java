package io.eventmonitoring.user.account;

import jakarta.validation.constraints.NotNull;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(description = "Where the reset link goes")
public record PasswordReset(
        @Schema(examples = "email", required = true)
        @NotNull ResetChannel channel) {
}
