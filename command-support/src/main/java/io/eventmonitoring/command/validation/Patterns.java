package io.eventmonitoring.command.validation;

/** Formats shared by the commands of both services, for {@code @Pattern(regexp = ..., message = ...)}. */
public final class Patterns {

    /** Free text ends up in Slack messages and logs, where a control character does harm. */
    public static final String NO_CONTROL_CHARACTERS = "[^\\p{Cntrl}]*";
    public static final String NO_CONTROL_CHARACTERS_MESSAGE = "must not contain control characters";

    /** A product's stock-keeping unit, as the catalogue writes it. */
    public static final String SKU = "[A-Za-z0-9_-]{1,64}";
    public static final String SKU_MESSAGE = "must be 1 to 64 letters, digits, - or _";

    /** An id issued by another system (a customer number, say): URL- and log-safe. */
    public static final String EXTERNAL_ID = "[A-Za-z0-9_-]{1,64}";
    public static final String EXTERNAL_ID_MESSAGE = "must be 1 to 64 letters, digits, - or _";

    /** ISO 4217 currency code. */
    public static final String CURRENCY = "[A-Z]{3}";
    public static final String CURRENCY_MESSAGE = "must be an ISO 4217 code such as EUR";

    private Patterns() {
    }
}
