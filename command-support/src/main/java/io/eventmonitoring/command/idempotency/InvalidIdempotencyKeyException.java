package io.eventmonitoring.command.idempotency;

/** The Idempotency-Key header is malformed: answered 400 naming the header. */
public class InvalidIdempotencyKeyException extends RuntimeException {

    public InvalidIdempotencyKeyException(String message) {
        super(message);
    }
}
