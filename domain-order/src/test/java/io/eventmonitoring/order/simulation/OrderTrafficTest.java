package io.eventmonitoring.order.simulation;

import io.eventmonitoring.command.testing.TrafficCheck;
import io.eventmonitoring.events.Domain;
import io.eventmonitoring.testing.KafkaClusterResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import org.junit.jupiter.api.Test;

import java.util.Map;

@QuarkusTest
@TestProfile(OrderTrafficTest.SimulatorOn.class)
@WithTestResource(KafkaClusterResource.class)
class OrderTrafficTest {

    public static class SimulatorOn implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("eventmonitoring.simulator.enabled", "true",
                    "eventmonitoring.simulator.events-per-second", "60");
        }
    }

    @Test
    void theSimulatorSendsEveryKindOfOrderCommandThroughTheCommandPath() {
        // 150 events: the rarest kind (weight 8 or 10 of 100) is then missing with a chance below 1e-5.
        TrafficCheck.assertEveryKindFlows(Domain.ORDER, 150);
    }
}
