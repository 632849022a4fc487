package io.eventmonitoring.user.account;

import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

public record SignUp(
        @NotBlank @Email @Size(max = 254) String email,
        @NotBlank @Size(max = 100) String name) {
}
