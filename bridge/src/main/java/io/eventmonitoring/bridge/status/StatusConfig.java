package io.eventmonitoring.bridge.status;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;
import java.util.Optional;

/** The channel status every owner publishes to bridge-status, the consumer lag and the window of recent events. */
@ConfigMapping(prefix = "bridge.status")
public interface StatusConfig {

    /** This replica's name in the status it publishes; the host name and process id when not set (a pod's name on Kubernetes). */
    Optional<String> replica();

    /** A channel's status is published at most this often, when it changed. */
    @WithDefault("1s")
    Duration publishInterval();

    /** An unchanged status is published again this often, so its age tells whether its owner is alive. */
    @WithDefault("30s")
    Duration keepalive();

    /** Slack answers kept per channel for the deliveries view. */
    @WithDefault("20")
    int deliveries();

    /** Consumer lag is read from Kafka at most this often; requests in between get the last answer. */
    @WithDefault("5s")
    Duration lagCache();

    /** How far back the window of recent events for the silence preview reaches. */
    @WithDefault("1h")
    Duration window();

    /** Events the window holds at most; the oldest go first. */
    @WithDefault("10000")
    int windowEvents();

    /** Characters of event JSON the window holds at most, its memory bound; the oldest go first. */
    @WithDefault("4000000")
    long windowChars();
}
