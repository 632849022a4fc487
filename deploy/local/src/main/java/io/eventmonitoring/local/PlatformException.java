package io.eventmonitoring.local;

/** A problem the person running the platform can fix; the message says what happened and how to fix it. */
public class PlatformException extends RuntimeException {

    public PlatformException(String message) {
        super(message);
    }

    public PlatformException(String message, Throwable cause) {
        super(message, cause);
    }
}
