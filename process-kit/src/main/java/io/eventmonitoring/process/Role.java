package io.eventmonitoring.process;

import java.util.Locale;

/** What a child process is; the stop order follows from it. */
public enum Role {
    SERVICE(0),
    BROKER(1),
    CONTROLLER(2);

    private final int stopStage;

    Role(int stopStage) {
        this.stopStage = stopStage;
    }

    /**
     * Services stop first (they still need Kafka to flush), then brokers, then controllers: a broker's
     * controlled shutdown waits for the active controller, so stopping both together leaves brokers hanging.
     */
    public int stopStage() {
        return stopStage;
    }

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
