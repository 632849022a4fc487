package io.eventmonitoring.command.publish;

/** Kafka did not acknowledge an event in time: the command was not accepted and nothing was emitted. */
public class EventNotAcceptedException extends RuntimeException {

    public EventNotAcceptedException(String message, Throwable cause) {
        super(message, cause);
    }
}
