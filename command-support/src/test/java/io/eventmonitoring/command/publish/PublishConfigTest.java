package io.eventmonitoring.command.publish;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

class PublishConfigTest {

    record Settings(Duration ackTimeout, Duration requestTimeout, Duration deliveryTimeout, Duration maxBlock,
                    Duration transactionTimeout, int producers, int maxBatch, int maxQueued, Optional<String> instanceId,
                    Duration retryAfter) implements PublishConfig {

        Settings withAckTimeout(Duration value) {
            return new Settings(value, requestTimeout, deliveryTimeout, maxBlock, transactionTimeout, producers, maxBatch,
                    maxQueued, instanceId, retryAfter);
        }

        Settings withTransactionTimeout(Duration value) {
            return new Settings(ackTimeout, requestTimeout, deliveryTimeout, maxBlock, value, producers, maxBatch,
                    maxQueued, instanceId, retryAfter);
        }

        Settings withInstanceId(String value) {
            return new Settings(ackTimeout, requestTimeout, deliveryTimeout, maxBlock, transactionTimeout, producers,
                    maxBatch, maxQueued, Optional.of(value), retryAfter);
        }
    }

    /** The defaults of PublishConfig. */
    static Settings defaults() {
        return new Settings(Duration.ofSeconds(20), Duration.ofMillis(2500), Duration.ofSeconds(18), Duration.ofSeconds(2),
                Duration.ofSeconds(30), 4, 2000, 50_000, Optional.empty(), Duration.ofSeconds(5));
    }

    @Test
    void theDefaultsAreCoherent() {
        assertThat(defaults().problems()).isEmpty();
    }

    @Test
    void aCommandTimeoutShorterThanTheRecordsRetriesIsRefusedNamingTheKeys() {
        assertThat(defaults().withAckTimeout(Duration.ofSeconds(5)).problems()).anySatisfy(problem ->
                assertThat(problem).contains("eventmonitoring.publish.ack-timeout", "eventmonitoring.publish.delivery-timeout"));
    }

    @Test
    void aTransactionTimeoutThatWouldAbortWaitingCommandsIsRefused() {
        assertThat(defaults().withTransactionTimeout(Duration.ofSeconds(15)).problems()).singleElement().asString()
                .contains("eventmonitoring.publish.transaction-timeout", "eventmonitoring.publish.ack-timeout");
    }

    @Test
    void anInstanceIdThatCannotBeATransactionalIdSuffixIsRefused() {
        assertThat(defaults().withInstanceId("pod 1/2").problems()).singleElement().asString()
                .contains("eventmonitoring.publish.instance-id");
    }

    @Test
    void retryAfterIsWholeSecondsRoundedUp() {
        Settings s = defaults();
        assertThat(new Settings(s.ackTimeout(), s.requestTimeout(), s.deliveryTimeout(), s.maxBlock(),
                s.transactionTimeout(), s.producers(), s.maxBatch(), s.maxQueued(), s.instanceId(), Duration.ofMillis(1200))
                .retryAfterSeconds()).isEqualTo(2);
    }

    @Test
    void durabilityAndTransactionsAreNotLeftToConfiguration() {
        Map<String, Object> props = EventPublisher.producerConfig(Map.of("bootstrap.servers", "k:9092", "acks", "1",
                "enable.idempotence", "false", "group.id", "domain-user"), defaults(), "domain-user", "domain-user-a1");
        assertThat(props).containsEntry("acks", "all").containsEntry("enable.idempotence", true)
                .containsEntry("bootstrap.servers", "k:9092")
                .containsEntry("transactional.id", "domain-user-a1")
                .containsEntry("transaction.timeout.ms", 30_000)
                .containsEntry("delivery.timeout.ms", 18_000).containsEntry("max.block.ms", 2000L)
                .doesNotContainKey("group.id");
    }
}
