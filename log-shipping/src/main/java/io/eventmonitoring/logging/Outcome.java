package io.eventmonitoring.logging;

/** What became of a business event in the bridge: the values of {@link LogField#OUTCOME} the dashboards count. */
public enum Outcome {
    POSTED("posted"),
    DIGESTED("digested"),
    DEAD_LETTERED("dead-lettered"),
    SILENCED("silenced"),
    RATE_LIMITED("rate-limited");

    private final String value;

    Outcome(String value) {
        this.value = value;
    }

    public String value() {
        return value;
    }

    @Override
    public String toString() {
        return value;
    }
}
