package io.eventmonitoring.bridge.config;

import io.eventmonitoring.bridge.outbox.Notification;
import io.eventmonitoring.bridge.outbox.OutboxRecord;
import io.eventmonitoring.bridge.silence.Silence;
import io.eventmonitoring.events.CloudEvent;
import io.eventmonitoring.events.Severity;
import io.quarkus.runtime.annotations.RegisterForReflection;

/** Types the bridge reads and writes with its own ObjectMapper, which a native image cannot discover by itself. */
@RegisterForReflection(targets = {CloudEvent.class, Severity.class, Notification.class, OutboxRecord.class, Silence.class, Silence.Matchers.class})
final class ReflectionRegistrations {

    private ReflectionRegistrations() {
    }
}
