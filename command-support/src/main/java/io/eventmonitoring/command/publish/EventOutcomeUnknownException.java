package io.eventmonitoring.command.publish;

/**
 * The command's transaction was sent to be committed but Kafka has not confirmed it in time: the event may or may
 * not be recorded. A retry with the same Idempotency-Key answers the truth once Kafka has decided.
 */
public class EventOutcomeUnknownException extends RuntimeException {

    public EventOutcomeUnknownException(String message, Throwable cause) {
        super(message, cause);
    }
}
