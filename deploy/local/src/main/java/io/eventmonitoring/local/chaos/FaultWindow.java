package io.eventmonitoring.local.chaos;

import java.time.Instant;

/** A fault as it happened: from its start until the faulty process was back (or the sink answered normally). */
public record FaultWindow(Fault fault, Instant from, Instant to) {

    public boolean covers(Instant instant) {
        return !instant.isBefore(from) && !instant.isAfter(to);
    }
}
