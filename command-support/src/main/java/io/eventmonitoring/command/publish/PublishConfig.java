package io.eventmonitoring.command.publish;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * How long a command may wait for Kafka, and the producer timeouts that make that bound hold.
 *
 * <p>A record handed to the producer is reported (acknowledged or failed) within {@code max-block} +
 * {@code delivery-timeout}: that is the producer's own contract. A command only hands its record over while at
 * least that much of its {@code ack-timeout} is left, so every command is answered within {@code ack-timeout}
 * and a command answered 503 has no record left in the producer that could still be written later.
 */
@ConfigMapping(prefix = PublishConfig.PREFIX)
public interface PublishConfig {

    String PREFIX = "eventmonitoring.publish";

    /** The longest a command waits for Kafka before it is answered 503. */
    @WithDefault("5s")
    Duration ackTimeout();

    /** Producer {@code max.block.ms}: how long handing a record over may block (metadata, full buffer). */
    @WithDefault("1s")
    Duration maxBlock();

    /** Producer {@code request.timeout.ms}: how long one produce request waits for the in-sync replicas. */
    @WithDefault("1500ms")
    Duration requestTimeout();

    /** Producer {@code delivery.timeout.ms}: how long the producer retries one record before it reports failure. */
    @WithDefault("3s")
    Duration deliveryTimeout();

    /**
     * Producer {@code linger.ms}: how long a batch waits for company. Twice Kafka's default: under load, fuller batches
     * cost the service and the brokers far less CPU per command (see the benchmark), for at most 10 ms more latency.
     */
    @WithDefault("10ms")
    Duration linger();

    /** What a 503 tells the client to wait before retrying (whole seconds, at least one). */
    @WithDefault("5s")
    Duration retryAfter();

    /** Seconds for the Retry-After header, rounded up. */
    default long retryAfterSeconds() {
        return Math.max(1, (retryAfter().toMillis() + 999) / 1000);
    }

    /** How long a command may wait to be handed to the producer and still be answered within ack-timeout. */
    default Duration handOverBudget() {
        return ackTimeout().minus(maxBlock()).minus(deliveryTimeout());
    }

    /** Every broken relation between the settings, each naming its keys; empty when the settings are coherent. */
    default List<String> problems() {
        List<String> problems = new ArrayList<>();
        if (!positive(handOverBudget())) {
            problems.add(key("ack-timeout") + " (" + ackTimeout().toMillis() + " ms) must be greater than "
                    + key("max-block") + " + " + key("delivery-timeout") + " ("
                    + maxBlock().plus(deliveryTimeout()).toMillis() + " ms): otherwise a command could be answered "
                    + "503 while its record may still be written");
        }
        if (deliveryTimeout().compareTo(requestTimeout().plus(linger())) < 0) {
            problems.add(key("delivery-timeout") + " (" + deliveryTimeout().toMillis() + " ms) must be at least "
                    + key("request-timeout") + " + " + key("linger") + " ("
                    + requestTimeout().plus(linger()).toMillis() + " ms), as Kafka requires");
        }
        Map<String, Duration> positive = new LinkedHashMap<>();
        positive.put("ack-timeout", ackTimeout());
        positive.put("max-block", maxBlock());
        positive.put("request-timeout", requestTimeout());
        positive.put("delivery-timeout", deliveryTimeout());
        positive.put("retry-after", retryAfter());
        positive.forEach((name, value) -> {
            if (!positive(value)) {
                problems.add(key(name) + " must be positive, got " + value);
            }
        });
        if (linger().isNegative()) {
            problems.add(key("linger") + " must not be negative, got " + linger());
        }
        return problems;
    }

    private static boolean positive(Duration value) {
        return !value.isNegative() && !value.isZero();
    }

    private static String key(String name) {
        return PREFIX + "." + name;
    }
}
