package io.eventmonitoring.bridge.console;

import io.eventmonitoring.bridge.metrics.BridgeMetrics;
import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

class OverviewViewsTest {

    private static final Instant NOW = Instant.parse("2026-11-29T12:00:00Z");

    @Test
    void aChannelWaitsUntilItsNextAllowedPostForTheReasonOfItsLastOne() {
        assertThat(state(BridgeMetrics.RATE_LIMITED, 20)).isEqualTo("rate-limited");
        assertThat(state(BridgeMetrics.RETRYING, 2)).isEqualTo("backing off");
        assertThat(state(BridgeMetrics.POSTED, 1)).isEqualTo("waiting for its rate");
        assertThat(state(BridgeMetrics.DIGESTED, 1)).isEqualTo("waiting for its rate");
        assertThat(state(BridgeMetrics.RATE_LIMITED, 0)).isEqualTo("idle");
        assertThat(state(BridgeMetrics.POSTED, -5)).isEqualTo("idle");
    }

    private static String state(String outcome, long secondsToNextPost) {
        return OverviewViews.state(new BridgeMetrics.ChannelActivity(outcome, NOW.minusSeconds(1),
                NOW.plusSeconds(secondsToNextPost)), NOW);
    }
}
