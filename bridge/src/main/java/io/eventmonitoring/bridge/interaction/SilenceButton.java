package io.eventmonitoring.bridge.interaction;

import java.time.Duration;
import java.util.Arrays;
import java.util.Optional;

/** The buttons a route may put under its messages; each silences what its message shows for an hour. */
public enum SilenceButton {

    /** Silences the event's type on the message's channel. */
    TYPE("silence-type", "Silence this type for 1 h"),
    /** Silences the event's entity (its domain and subject) on the message's channel. */
    ENTITY("silence-entity", "Silence this entity for 1 h");

    public static final Duration DURATION = Duration.ofHours(1);

    private final String id;
    private final String label;

    SilenceButton(String id, String label) {
        this.id = id;
        this.label = label;
    }

    /** The name in configuration and the button's {@code action_id}. */
    public String id() {
        return id;
    }

    public String label() {
        return label;
    }

    public static Optional<SilenceButton> byId(String id) {
        return Arrays.stream(values()).filter(b -> b.id.equals(id)).findFirst();
    }
}
