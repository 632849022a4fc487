package io.eventmonitoring.command.idempotency;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * One record of the idempotency topic: a request claims a key, then either its transaction records the answer
 * ({@code done}, in the same transaction as the event) or it releases the key ({@code release}, after a 503).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@RegisterForReflection
public record LedgerRecord(String kind, String claim, String fingerprint, String eventId, String type, String subject,
                           String location) {

    static final String CLAIM = "claim";
    static final String DONE = "done";
    static final String RELEASE = "release";

    private static final ObjectMapper MAPPER = new ObjectMapper()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

    static LedgerRecord claim(String claim, String fingerprint) {
        return new LedgerRecord(CLAIM, claim, fingerprint, null, null, null, null);
    }

    static LedgerRecord done(String claim, String fingerprint, Accepted accepted) {
        return new LedgerRecord(DONE, claim, fingerprint, accepted.eventId(), accepted.type(), accepted.subject(),
                accepted.location());
    }

    static LedgerRecord release(String claim) {
        return new LedgerRecord(RELEASE, claim, null, null, null, null, null);
    }

    Accepted accepted() {
        return new Accepted(eventId, type, subject, location);
    }

    String encode() {
        try {
            return MAPPER.writeValueAsString(this);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot encode an idempotency record", e);
        }
    }

    /** The record, or null when the value is not one (it is skipped). */
    static LedgerRecord decode(String json) {
        if (json == null) {
            return null;
        }
        try {
            LedgerRecord record = MAPPER.readValue(json, LedgerRecord.class);
            return record.kind() == null || record.claim() == null ? null : record;
        } catch (JsonProcessingException e) {
            return null;
        }
    }

    /** The answer a command got: what a retry with the same key is answered. */
    public record Accepted(String eventId, String type, String subject, String location) {
    }
}
