package io.eventmonitoring.bridge.admin;

import io.eventmonitoring.bridge.silence.Silence;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import java.time.Duration;
import java.time.Instant;

/** A silence to create: matchers, and either an expiry time or a duration such as {@code PT2H}. */
public record NewSilence(@NotNull @Valid Silence.Matchers matchers, Instant expiresAt, Duration duration,
                         @Size(max = 100) String createdBy, @Size(max = 500) String comment) {
}
