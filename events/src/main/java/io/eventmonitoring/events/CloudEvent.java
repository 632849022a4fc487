package io.eventmonitoring.events;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * A business event in CloudEvents 1.0 structured JSON mode, with the {@code severity} extension.
 * The {@code id} is the deduplication key downstream.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CloudEvent(
        String specversion,
        String id,
        String source,
        String type,
        String subject,
        Instant time,
        String datacontenttype,
        Severity severity,
        JsonNode data) {

    public static final String SPEC_VERSION = "1.0";
    public static final String JSON = "application/json";

    public CloudEvent {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(type, "type");
    }

    /** A new event with a random id, stamped now. */
    public static CloudEvent of(EventType type, String subject, JsonNode data) {
        return new CloudEvent(SPEC_VERSION, UUID.randomUUID().toString(), type.domain().source(), type.value(),
                subject, Instant.now(), JSON, type.severity(), data);
    }

    /** The domain named by the type's prefix ({@code user.signed-up} belongs to {@code user}). */
    public String domain() {
        int dot = type.indexOf('.');
        return dot < 0 ? type : type.substring(0, dot);
    }

    /** The Kafka record key: {@code <domain>:<subject>}. */
    public String key() {
        return EventKey.of(domain(), subject);
    }
}
