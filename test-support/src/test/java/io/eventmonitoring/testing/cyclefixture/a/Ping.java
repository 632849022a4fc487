package io.eventmonitoring.testing.cyclefixture.a;

import io.eventmonitoring.testing.cyclefixture.b.Pong;

/** Half of a deliberate two-package cycle that {@code PackageCyclesTest} must catch. */
public record Ping(Pong answer) {
}
