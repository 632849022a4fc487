package io.eventmonitoring.local;

import io.eventmonitoring.process.ProcessException;

/** A problem the person running the platform can fix; the message says what happened and how to fix it. */
public class PlatformException extends ProcessException {

    public PlatformException(String message) {
        super(message);
    }

    public PlatformException(String message, Throwable cause) {
        super(message, cause);
    }
}
