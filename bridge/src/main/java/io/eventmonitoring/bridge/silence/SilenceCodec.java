package io.eventmonitoring.bridge.silence;

import io.eventmonitoring.bridge.kafka.VersionedJson;
import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * The value of a {@code bridge-silences} record: the silence's JSON with a {@code version}. Reading compiles the
 * silence, so a record that is not JSON, not a valid silence or of an unknown version is rejected with the reason.
 */
// Silences go through VersionedJson's own ObjectMapper, which a native image cannot discover by itself.
@RegisterForReflection(targets = {Silence.class, Silence.Matchers.class})
public final class SilenceCodec {

    private static final VersionedJson JSON = VersionedJson.strict(1);

    private SilenceCodec() {
    }

    public static String encode(Silence silence) {
        return JSON.encode(silence);
    }

    /** Reads and compiles a record value of the given key; the message of the exception is the reason. */
    public static SilenceRule decode(String key, String value) {
        Silence silence = JSON.decode(value, Silence.class, "silence");
        SilenceRule rule = SilenceRule.compile(silence);
        if (!silence.id().equals(key)) {
            throw new IllegalArgumentException("the key '" + key + "' is not the silence's id '" + silence.id() + "'");
        }
        return rule;
    }
}
