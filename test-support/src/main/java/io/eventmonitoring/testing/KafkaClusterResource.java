package io.eventmonitoring.testing;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.util.Map;

/** Points a {@code @QuarkusTest} at the shared real KRaft cluster. */
public class KafkaClusterResource implements QuarkusTestResourceLifecycleManager {

    @Override
    public Map<String, String> start() {
        return Map.of("kafka.bootstrap.servers", KafkaCluster.shared().bootstrapServers());
    }

    @Override
    public void stop() {
        // The cluster outlives a test class on purpose: it is shared by the whole test JVM and stops with it.
    }
}
