package io.eventmonitoring.local;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BackoffTest {

    @Test
    void thePauseDoublesWithEachExitInARowUpToTheMax() {
        assertThat(IntStream.range(0, 8).mapToObj(Backoff.SERVICES::delay).map(Duration::toSeconds))
                .containsExactly(1L, 2L, 4L, 8L, 16L, 30L, 30L, 30L);
        assertThat(Backoff.SERVICES.delay(Integer.MAX_VALUE)).isEqualTo(Duration.ofSeconds(30));
    }

    @Test
    void aRunAsLongAsStableAfterCountsAsHealthy() {
        Backoff backoff = new Backoff(Duration.ofMillis(100), Duration.ofSeconds(1), Duration.ofMinutes(1));

        assertThat(backoff.stable(Duration.ofSeconds(59))).isFalse();
        assertThat(backoff.stable(Duration.ofMinutes(1))).isTrue();
    }

    @Test
    void aPauseOfZeroOrAMaxBelowTheInitialPauseIsRefused() {
        assertThatThrownBy(() -> new Backoff(Duration.ZERO, Duration.ofSeconds(1), Duration.ofMinutes(1)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Backoff(Duration.ofSeconds(2), Duration.ofSeconds(1), Duration.ofMinutes(1)))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
