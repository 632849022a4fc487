package io.eventmonitoring.local.cluster;

import io.eventmonitoring.process.ProcessException;

import java.util.Locale;

/** How the three Kafka nodes' roles are split. */
public enum Layout {
    /** Three dedicated controllers and three brokers, as in production. */
    SPLIT,
    /** Three nodes that are each broker and controller: half the JVMs. */
    COMBINED;

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Layout parse(String value, String source) {
        for (Layout layout : values()) {
            if (layout.label().equals(value)) {
                return layout;
            }
        }
        throw new ProcessException(source + " must be split or combined, not '" + value + "'");
    }
}
