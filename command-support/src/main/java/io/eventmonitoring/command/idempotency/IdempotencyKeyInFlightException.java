package io.eventmonitoring.command.idempotency;

/** A request with the same Idempotency-Key is still being processed: answered 409. */
public class IdempotencyKeyInFlightException extends RuntimeException {

    public IdempotencyKeyInFlightException() {
        super("a request with this Idempotency-Key is still being processed");
    }
}
