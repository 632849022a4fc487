package io.eventmonitoring.local.chaos;

import java.time.Duration;

/**
 * One planned fault: what, on which process ({@code sink} for the sink's faults), at the earliest {@code at} after
 * the load started, for {@code length}; {@code retryAfter} is the Retry-After of a 429, zero otherwise.
 */
public record Fault(FaultKind kind, String target, Duration at, Duration length, Duration retryAfter) {

    /** When the platform should have recovered from it, as planned. */
    public Duration recoveredBy() {
        return at.plus(length).plus(kind.recovery());
    }

    public String describe() {
        return switch (kind) {
            case KILL_BROKER -> "kill -9 " + target + ", started again after " + length.toSeconds() + " s";
            case FREEZE_BROKER -> "SIGSTOP " + target + ", SIGCONT after " + length.toSeconds() + " s";
            case KILL_BRIDGE, KILL_DOMAIN_SERVICE -> "kill -9 " + target;
            case SINK_429 -> "sink answers 429 with Retry-After " + retryAfter.toSeconds() + " s for "
                    + length.toSeconds() + " s";
            case SINK_500 -> "sink answers 500 for " + length.toSeconds() + " s";
        };
    }
}
