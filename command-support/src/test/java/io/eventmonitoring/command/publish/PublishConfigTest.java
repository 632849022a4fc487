package io.eventmonitoring.command.publish;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class PublishConfigTest {

    record Settings(Duration ackTimeout, Duration maxBlock, Duration requestTimeout, Duration deliveryTimeout,
                    Duration linger, Duration retryAfter) implements PublishConfig {
    }

    private static Settings defaults() {
        return new Settings(Duration.ofSeconds(5), Duration.ofSeconds(1), Duration.ofMillis(1500),
                Duration.ofSeconds(3), Duration.ofMillis(1), Duration.ofSeconds(5));
    }

    @Test
    void theDefaultsLeaveTimeToHandOver() {
        assertThat(defaults().problems()).isEmpty();
        assertThat(defaults().handOverBudget()).isEqualTo(Duration.ofSeconds(1));
    }

    @Test
    void anAckTimeoutThatTheProducerCanOutliveIsRefusedNamingTheKeys() {
        Settings s = defaults();
        Settings ghostly = new Settings(Duration.ofSeconds(4), s.maxBlock(), s.requestTimeout(), s.deliveryTimeout(),
                s.linger(), s.retryAfter());
        assertThat(ghostly.problems()).singleElement().asString()
                .contains("eventmonitoring.publish.ack-timeout", "eventmonitoring.publish.max-block",
                        "eventmonitoring.publish.delivery-timeout");
    }

    @Test
    void aDeliveryTimeoutShorterThanARequestIsRefused() {
        Settings s = defaults();
        Settings broken = new Settings(Duration.ofSeconds(10), s.maxBlock(), Duration.ofSeconds(4), s.deliveryTimeout(),
                s.linger(), s.retryAfter());
        assertThat(broken.problems()).singleElement().asString()
                .contains("eventmonitoring.publish.delivery-timeout", "eventmonitoring.publish.request-timeout");
    }

    @Test
    void retryAfterIsWholeSecondsRoundedUp() {
        Settings s = defaults();
        assertThat(new Settings(s.ackTimeout(), s.maxBlock(), s.requestTimeout(), s.deliveryTimeout(), s.linger(),
                Duration.ofMillis(1200)).retryAfterSeconds()).isEqualTo(2);
    }

    @Test
    void durabilityIsNotLeftToConfiguration() {
        Map<String, Object> props = EventPublisher.producerConfig(Map.of("bootstrap.servers", "k:9092", "acks", "1",
                "enable.idempotence", "false", "group.id", "domain-user"), defaults(), "domain-user");
        assertThat(props).containsEntry("acks", "all").containsEntry("enable.idempotence", true)
                .containsEntry("bootstrap.servers", "k:9092")
                .containsEntry("delivery.timeout.ms", 3000).containsEntry("max.block.ms", 1000L)
                .doesNotContainKey("group.id");
    }
}
