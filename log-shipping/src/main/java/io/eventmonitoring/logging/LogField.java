package io.eventmonitoring.logging;

/** The structured fields business log lines carry, written as top-level JSON fields of the log record. */
public enum LogField {
    EVENT_ID("event_id"),
    EVENT_TYPE("event_type"),
    DOMAIN("domain"),
    ROUTE("route"),
    CHANNEL("channel"),
    OUTCOME("outcome");

    private final String key;

    LogField(String name) {
        this.key = EcsJsonFormatter.FIELD_PREFIX + name;
    }

    /** The field name in the JSON record and in Elasticsearch, e.g. {@code eventmonitoring.outcome}. */
    public String key() {
        return key;
    }
}
