package io.eventmonitoring.bridge.kafka;

/**
 * Room in the emitters the routing stage writes through (the outbox and the dead-letter topic) for the records of the
 * batches in flight: an outbox record per channel, and dead letters.
 */
public final class EmitterBuffer {

    public static final int SIZE = 16_384;

    private EmitterBuffer() {
    }
}
