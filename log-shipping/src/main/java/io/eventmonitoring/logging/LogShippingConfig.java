package io.eventmonitoring.logging;

import io.eventmonitoring.events.Topics;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.util.Map;

/**
 * Copying log records to Kafka. The producer reuses {@code kafka.bootstrap.servers} and the {@code kafka.security.*},
 * {@code kafka.sasl.*} and {@code kafka.ssl.*} settings of the service, so it works wherever the service's own
 * Kafka clients do (SCRAM over TLS in Kubernetes included).
 */
@ConfigMapping(prefix = LogShippingConfig.PREFIX)
public interface LogShippingConfig {

    String PREFIX = "eventmonitoring.log-shipping";

    /** Copy every console log record to Kafka. Needs {@code quarkus.log.console.json.enabled=true}. */
    @WithDefault("true")
    boolean enabled();

    /** The topic; the record key is {@code quarkus.application.name}. */
    @WithDefault(Topics.SERVICE_LOGS)
    String topic();

    /** Records waiting for Kafka at most; a record that finds the buffer full is dropped and counted. */
    @WithDefault("8192")
    int bufferSize();

    /** Kafka producer properties that override the shipper's defaults, e.g. {@code compression.type}. */
    Map<String, String> producer();
}
