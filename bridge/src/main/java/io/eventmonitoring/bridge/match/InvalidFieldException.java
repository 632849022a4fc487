package io.eventmonitoring.bridge.match;

/** Input that does not compile, with the field it came from: a management API answers it as a 400 naming the field. */
public class InvalidFieldException extends IllegalArgumentException {

    private final String field;

    public InvalidFieldException(String field, String message) {
        super(field + ": " + message);
        this.field = field;
    }

    public String field() {
        return field;
    }
}
