package io.eventmonitoring.bridge.support;

import io.eventmonitoring.events.Topics;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.util.Map;
import java.util.UUID;

/**
 * Puts records on bridge-silences before the bridge starts that are not valid silences: a silence with an empty glob
 * (it would fail every event's routing), a value that is not JSON, a silence of an unknown version.
 */
public class PoisonSilencesResource implements QuarkusTestResourceLifecycleManager {

    /** How many records {@link #start()} writes. */
    public static final int RECORDS = 3;

    @Override
    public Map<String, String> start() {
        String poison = UUID.randomUUID().toString();
        Events.sendRaw(Topics.BRIDGE_SILENCES, poison, "{\"version\":1,\"id\":\"" + poison + "\",\"matchers\":{\"domain\":null,"
                + "\"type\":null,\"severity\":null,\"route\":null,\"channel\":null,\"attributes\":{\"email\":\"\"}},\"expiresAt\":\"2999-01-01T00:00:00Z\",\"createdBy\":\"ops\",\"comment\":\"x\","
                + "\"createdAt\":\"2026-01-01T00:00:00Z\"}");
        Events.sendRaw(Topics.BRIDGE_SILENCES, UUID.randomUUID().toString(), "not json");
        String future = UUID.randomUUID().toString();
        Events.sendRaw(Topics.BRIDGE_SILENCES, future, "{\"version\":2,\"id\":\"" + future + "\",\"matchers\":"
                + "{\"domain\":\"user\"},\"expiresAt\":\"2999-01-01T00:00:00Z\"}");
        return Map.of();
    }

    @Override
    public void stop() {
        // The records stay: every later bridge of this test JVM must start past them too.
    }
}
