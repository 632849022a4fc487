package io.eventmonitoring.local;

import java.time.Duration;

/**
 * How long to wait before restarting a process that exited, as Kubernetes does for a crashing container: the
 * pause doubles with each exit in a row up to {@code max}, and a process that stayed up for {@code stableAfter}
 * counts as healthy again, so its next exit waits only {@code initial}.
 */
public record Backoff(Duration initial, Duration max, Duration stableAfter) {

    /** Long enough that a service which dies soon after getting ready on a busy machine still backs off. */
    public static final Backoff SERVICES = new Backoff(Duration.ofSeconds(1), Duration.ofSeconds(30),
            Duration.ofMinutes(2));

    public Backoff {
        if (initial.isNegative() || initial.isZero() || max.compareTo(initial) < 0) {
            throw new IllegalArgumentException("backoff needs 0 < initial <= max, not " + initial + " and " + max);
        }
    }

    /** The pause before the restart that follows {@code exitsInARow} earlier exits without a stable run between. */
    public Duration delay(int exitsInARow) {
        Duration delay = initial;
        for (int i = 0; i < exitsInARow && delay.compareTo(max) < 0; i++) {
            delay = delay.multipliedBy(2);
        }
        return delay.compareTo(max) > 0 ? max : delay;
    }

    /** Whether a process that ran this long before it exited was healthy, which resets the doubling. */
    public boolean stable(Duration uptime) {
        return uptime.compareTo(stableAfter) >= 0;
    }
}
