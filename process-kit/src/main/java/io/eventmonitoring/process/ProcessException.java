package io.eventmonitoring.process;

/** A process that could not be started, did not get ready or did not finish; the message says which and why. */
public class ProcessException extends RuntimeException {

    public ProcessException(String message) {
        super(message);
    }

    public ProcessException(String message, Throwable cause) {
        super(message, cause);
    }
}
