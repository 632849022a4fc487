package io.eventmonitoring.events;

/** A record that is not a valid business event; the message says why, for the dead-letter reason. */
public class MalformedEventException extends RuntimeException {

    public MalformedEventException(String reason) {
        super(reason);
    }
}
