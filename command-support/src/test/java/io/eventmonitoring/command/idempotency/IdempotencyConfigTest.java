package io.eventmonitoring.command.idempotency;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

class IdempotencyConfigTest {

    record Settings(Duration retention, Duration claimTimeout, int maxKeys) implements IdempotencyConfig {
    }

    private static final Duration ACK = Duration.ofSeconds(20);
    private static final Duration TRANSACTION = Duration.ofSeconds(30);

    @Test
    void theDefaultsAreCoherent() {
        assertThat(new Settings(Duration.ofHours(24), Duration.ofSeconds(60), 50_000).problems(ACK, TRANSACTION)).isEmpty();
    }

    @Test
    void aClaimThatCouldExpireBeforeItsTransactionIsDecidedIsRefusedNamingTheKeys() {
        assertThat(new Settings(Duration.ofHours(24), Duration.ofSeconds(45), 50_000).problems(ACK, TRANSACTION))
                .singleElement().asString().contains("eventmonitoring.idempotency.claim-timeout",
                        "eventmonitoring.publish.ack-timeout", "eventmonitoring.publish.transaction-timeout");
    }

    @Test
    void noKeysAtAllIsRefused() {
        assertThat(new Settings(Duration.ofHours(24), Duration.ofSeconds(60), 0).problems(ACK, TRANSACTION))
                .singleElement().asString().contains("eventmonitoring.idempotency.max-keys");
    }
}
