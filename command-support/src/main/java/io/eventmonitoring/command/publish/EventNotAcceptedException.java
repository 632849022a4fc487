package io.eventmonitoring.command.publish;

/** Kafka cannot take the command: its event was never sent, or its transaction was aborted. Nothing was recorded. */
public class EventNotAcceptedException extends RuntimeException {

    public EventNotAcceptedException(String message, Throwable cause) {
        super(message, cause);
    }
}
