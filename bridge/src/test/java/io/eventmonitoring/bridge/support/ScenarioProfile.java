package io.eventmonitoring.bridge.support;

import io.quarkus.test.junit.QuarkusTestProfile;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** One channel per delivery scenario, routed by the event's {@code data.scenario}, so scenarios never mix. */
public class ScenarioProfile implements QuarkusTestProfile {

    public static final List<String> SCENARIOS = List.of("burst", "limited", "down", "rejected", "silenced");
    public static final String CHANNELS = "user,order,burst,limited,down,rejected,silenced";
    public static final String ADMIN_PASSWORD = "scenario-admin-password";

    @Override
    public Map<String, String> getConfigOverrides() {
        Map<String, String> config = new HashMap<>();
        for (int i = 0; i < SCENARIOS.size(); i++) {
            String scenario = SCENARIOS.get(i);
            config.put("bridge.routes[" + i + "].name", scenario);
            config.put("bridge.routes[" + i + "].channel", scenario);
            config.put("bridge.routes[" + i + "].match.attributes.scenario", scenario);
        }
        int next = SCENARIOS.size();
        config.put("bridge.routes[" + next + "].name", "users");
        config.put("bridge.routes[" + next + "].channel", "user");
        config.put("bridge.routes[" + next + "].match.domain", "user");
        config.put("bridge.default-channel", "order");
        config.put("bridge.delivery.initial-backoff", "500ms");
        config.put("bridge.delivery.max-backoff", "4s");
        config.put("bridge.admin.password", ADMIN_PASSWORD);
        return config;
    }
}
