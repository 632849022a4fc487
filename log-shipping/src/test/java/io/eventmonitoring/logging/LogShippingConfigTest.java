package io.eventmonitoring.logging;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.quarkus.runtime.configuration.ConfigurationException;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LogShippingConfigTest {

    private static LogShippingConfig config(int bufferSize, String topic, Map<String, String> producer) {
        return new LogShippingConfig() {
            @Override
            public boolean enabled() {
                return true;
            }

            @Override
            public String topic() {
                return topic;
            }

            @Override
            public int bufferSize() {
                return bufferSize;
            }

            @Override
            public Map<String, String> producer() {
                return producer;
            }
        };
    }

    private static LogShipping shipping(LogShippingConfig config, Map<String, Object> kafka) {
        return new LogShipping(config, "domain-user", kafka, new SimpleMeterRegistry());
    }

    @Test
    void badSettingsStopStartupNamingTheKey() {
        assertThatThrownBy(() -> shipping(config(0, "service-logs", Map.of()), Map.of()).start(null))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("eventmonitoring.log-shipping.buffer-size");
        assertThatThrownBy(() -> shipping(config(10, " ", Map.of()), Map.of()).start(null))
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("eventmonitoring.log-shipping.topic");
        assertThatThrownBy(() -> shipping(config(10, "service-logs", Map.of()), Map.of()).producerConfig())
                .isInstanceOf(ConfigurationException.class)
                .hasMessageContaining("kafka.bootstrap.servers");
    }

    @Test
    void producerReusesTheServiceConnectionSettingsOnly() {
        Map<String, Object> kafka = Map.of(
                "bootstrap.servers", "kafka:9093",
                "security.protocol", "SASL_SSL",
                "sasl.mechanism", "SCRAM-SHA-512",
                "sasl.jaas.config", "org.apache.kafka.common.security.scram.ScramLoginModule required;",
                "ssl.truststore.type", "PEM",
                "ssl.truststore.location", "/etc/kafka-ca/ca.crt",
                "group.id", "domain-user",
                "health.enabled", "true");

        Map<String, Object> producer = shipping(config(10, "service-logs", Map.of("compression.type", "zstd")), kafka)
                .producerConfig();

        assertThat(producer).containsEntry("bootstrap.servers", "kafka:9093")
                .containsEntry("security.protocol", "SASL_SSL")
                .containsEntry("sasl.mechanism", "SCRAM-SHA-512")
                .containsKey("sasl.jaas.config")
                .containsEntry("ssl.truststore.type", "PEM")
                .containsEntry("ssl.truststore.location", "/etc/kafka-ca/ca.crt")
                .containsEntry("client.id", "domain-user-log-shipping")
                .containsEntry("acks", "1")
                .containsEntry("compression.type", "zstd")
                .doesNotContainKeys("group.id", "health.enabled");
    }
}
