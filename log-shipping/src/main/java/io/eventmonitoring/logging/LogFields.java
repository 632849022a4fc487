package io.eventmonitoring.logging;

import org.jboss.logging.MDC;

import java.util.ArrayList;
import java.util.List;

/**
 * Structured fields for the log lines written inside a scope. They travel in the MDC (so they follow the request
 * across Vert.x contexts) and come out as top-level JSON fields:
 * <pre>{@code
 * try (LogFields fields = LogFields.of(LogField.CHANNEL, channel).and(LogField.OUTCOME, Outcome.POSTED)) {
 *     LOG.infof("posted event %s", eventId);
 * }
 * }</pre>
 * Closing restores what the MDC held before, so scopes nest. A scope belongs to the thread that opened it.
 */
public final class LogFields implements AutoCloseable {

    private final List<String> keys = new ArrayList<>();
    private final List<Object> previous = new ArrayList<>();

    private LogFields() {
    }

    /** Opens a scope with one field; a null value sets nothing. */
    public static LogFields of(LogField field, Object value) {
        return new LogFields().and(field, value);
    }

    /** Adds a field to this scope; a null value sets nothing. */
    public LogFields and(LogField field, Object value) {
        if (value != null) {
            keys.add(field.key());
            previous.add(MDC.put(field.key(), value.toString()));
        }
        return this;
    }

    @Override
    public void close() {
        for (int i = keys.size() - 1; i >= 0; i--) {
            Object before = previous.get(i);
            if (before == null) {
                MDC.remove(keys.get(i));
            } else {
                MDC.put(keys.get(i), before);
            }
        }
        keys.clear();
        previous.clear();
    }
}
