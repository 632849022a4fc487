package io.eventmonitoring.events;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

import java.util.Arrays;
import java.util.Locale;

/** How much a human should care about an event, in increasing order. */
public enum Severity {
    INFO, WARNING, CRITICAL;

    @JsonValue
    public String value() {
        return name().toLowerCase(Locale.ROOT);
    }

    @JsonCreator
    public static Severity parse(String value) {
        return Arrays.stream(values())
                .filter(s -> s.value().equalsIgnoreCase(value))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException(
                        "unknown severity '" + value + "', expected one of info, warning, critical"));
    }
}
