package io.eventmonitoring.testing.cyclefixture.b;

import io.eventmonitoring.testing.cyclefixture.a.Ping;

/** The other half of the deliberate cycle. */
public record Pong(Ping question) {
}
