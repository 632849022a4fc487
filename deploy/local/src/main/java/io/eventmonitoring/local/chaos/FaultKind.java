package io.eventmonitoring.local.chaos;

import java.time.Duration;

/**
 * The faults of a chaos run, each with how long it lasts (drawn between {@code shortest} and {@code longest}) and
 * how long the platform is given to recover before the next one may start.
 */
public enum FaultKind {
    /** kill -9 of a broker; it stays down for the fault's length, then is started again. */
    KILL_BROKER(Duration.ofSeconds(10), Duration.ofSeconds(20), Duration.ofSeconds(30)),
    /** SIGSTOP of a broker for the fault's length, then SIGCONT. */
    FREEZE_BROKER(Duration.ofSeconds(5), Duration.ofSeconds(15), Duration.ofSeconds(15)),
    /** kill -9 of the bridge; the supervisor starts it again. */
    KILL_BRIDGE(Duration.ZERO, Duration.ZERO, Duration.ofSeconds(30)),
    /** kill -9 of a domain service; the supervisor starts it again. */
    KILL_DOMAIN_SERVICE(Duration.ZERO, Duration.ZERO, Duration.ofSeconds(30)),
    /** The sink answers 429 with Retry-After for the fault's length. */
    SINK_429(Duration.ofSeconds(10), Duration.ofSeconds(30), Duration.ofSeconds(5)),
    /** The sink answers 500 for the fault's length. */
    SINK_500(Duration.ofSeconds(10), Duration.ofSeconds(30), Duration.ofSeconds(5));

    private final Duration shortest;
    private final Duration longest;
    private final Duration recovery;

    FaultKind(Duration shortest, Duration longest, Duration recovery) {
        this.shortest = shortest;
        this.longest = longest;
        this.recovery = recovery;
    }

    public Duration shortest() {
        return shortest;
    }

    public Duration longest() {
        return longest;
    }

    public Duration recovery() {
        return recovery;
    }

    /** A broker is down or frozen while this fault lasts: writes wait for Kafka to fence it. */
    public boolean isBrokerFault() {
        return this == KILL_BROKER || this == FREEZE_BROKER;
    }
}
