package io.eventmonitoring.bridge.metrics;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class BridgeMetricsTest {

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final BridgeMetrics metrics = new BridgeMetrics(registry);

    @Test
    void anyDomainIsCountedUnderItsNameUpToABoundThenAsOther() {
        metrics.received("payment");
        metrics.received("payment");
        for (int i = 0; i < BridgeMetrics.MAX_DOMAIN_LABELS + 10; i++) {
            metrics.received("domain" + i);
        }
        metrics.received("not a domain");

        assertThat(received("payment")).isEqualTo(2);
        assertThat(received("domain0")).isEqualTo(1);
        assertThat(registry.find("eventmonitoring_bridge_received_total").counters())
                .hasSize(BridgeMetrics.MAX_DOMAIN_LABELS + 1);
        assertThat(received("other")).isEqualTo(11 + 1);
    }

    private double received(String domain) {
        return registry.get("eventmonitoring_bridge_received_total").tag("domain", domain).counter().count();
    }
}
