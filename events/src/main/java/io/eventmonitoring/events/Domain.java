package io.eventmonitoring.events;

import java.util.Locale;

/** The domains that emit business events. */
public enum Domain {
    USER, ORDER;

    public String value() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The CloudEvents {@code source} of the domain's service. */
    public String source() {
        return "/domain-" + value();
    }
}
