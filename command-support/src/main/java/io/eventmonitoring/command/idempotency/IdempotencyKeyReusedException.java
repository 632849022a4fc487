package io.eventmonitoring.command.idempotency;

/** The Idempotency-Key was used for a request with another body: answered 422. */
public class IdempotencyKeyReusedException extends RuntimeException {

    public IdempotencyKeyReusedException() {
        super("this Idempotency-Key was used for another request");
    }
}
