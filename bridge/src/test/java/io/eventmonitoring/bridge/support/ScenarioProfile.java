package io.eventmonitoring.bridge.support;

import io.quarkus.test.junit.QuarkusTestProfile;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** One channel per delivery scenario, routed by the event's {@code data.scenario}, so scenarios never mix. */
public class ScenarioProfile implements QuarkusTestProfile {

    public static final List<String> SCENARIOS = List.of("burst", "limited", "down", "rejected", "silenced", "clicked",
            "console", "app", "app-retry", "app-dead", "app-paused", "app-burst");
    /** {@code elsewhere} has no route: its status is only ever what a test publishes as another replica. */
    public static final String CHANNELS = "user,order,burst,limited,down,rejected,silenced,clicked,payment,console,elsewhere";
    /** Channels posted to with a bot token through the Web API. */
    public static final String APP_CHANNELS = "app,app-retry,app-dead,app-paused,app-burst";
    public static final String ADMIN_PASSWORD = "scenario-admin-password";
    public static final String SIGNING_SECRET = "scenario-signing-secret";

    @Override
    public Map<String, String> getConfigOverrides() {
        Map<String, String> config = new HashMap<>();
        for (int i = 0; i < SCENARIOS.size(); i++) {
            String scenario = SCENARIOS.get(i);
            config.put("bridge.routes[" + i + "].name", scenario);
            config.put("bridge.routes[" + i + "].channel", scenario);
            config.put("bridge.routes[" + i + "].match.attributes.scenario", scenario);
        }
        config.put("bridge.routes[" + SCENARIOS.indexOf("clicked") + "].buttons", "silence-type,silence-entity");
        int next = SCENARIOS.size();
        config.put("bridge.routes[" + next + "].name", "users");
        config.put("bridge.routes[" + next + "].channel", "user");
        config.put("bridge.routes[" + next + "].match.domain", "user");
        // A domain the bridge has never heard of, routed by a type glob only.
        config.put("bridge.routes[" + (next + 1) + "].name", "payments");
        config.put("bridge.routes[" + (next + 1) + "].channel", "payment");
        config.put("bridge.routes[" + (next + 1) + "].match.type", "payment.*");
        config.put("bridge.default-channel", "order");
        // Short backoffs, so that an outage spans many retries in a few seconds.
        config.put("bridge.delivery.initial-backoff", "100ms");
        config.put("bridge.delivery.max-backoff", "500ms");
        // After 429s a channel slows down at most to twice its interval: Retry-After is still obeyed, recovery is quick.
        config.put("bridge.delivery.max-slow-down", "2");
        config.put("bridge.admin.password", ADMIN_PASSWORD);
        config.put("bridge.slack.signing-secret", SIGNING_SECRET);
        // A rotated bot token resumes its paused channel within half a second.
        config.put("bridge.slack.token-reload-interval", "500ms");
        // Threads expire within the slow test that waits for it; every other test's lifecycle is far shorter.
        config.put("bridge.slack.thread-max-age", "20s");
        return config;
    }
}
