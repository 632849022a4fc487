package io.eventmonitoring.command.publish;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * How long a command may wait for Kafka, and the transactional producer's timeouts.
 *
 * <p>The defaults ride through the failure of one broker with Kafka's own failure detection: a crashed or frozen
 * broker is fenced by the controllers after {@code broker.session.timeout.ms} (9 s by default, and Strimzi does not
 * let a {@code Kafka} resource change it), only then do its partitions and transaction coordinators move. So a
 * record must be retried for longer than that ({@code delivery-timeout}), and a command must be allowed to wait
 * longer still ({@code ack-timeout}).
 */
@ConfigMapping(prefix = PublishConfig.PREFIX)
public interface PublishConfig {

    String PREFIX = "eventmonitoring.publish";

    /** The longest a command waits for its transaction: then it is answered 503 (never sent) or 504 (outcome unknown). */
    @WithDefault("20s")
    Duration ackTimeout();

    /**
     * Producer {@code request.timeout.ms}: after it, a request to a frozen broker is retried on fresh metadata. Short,
     * so that a retry soon follows the broker's fencing; a retry of a slow request is harmless (idempotent producer).
     */
    @WithDefault("2500ms")
    Duration requestTimeout();

    /** Producer {@code delivery.timeout.ms}: how long a record is retried; then its transaction is aborted (503). */
    @WithDefault("18s")
    Duration deliveryTimeout();

    /** Producer {@code max.block.ms}: one attempt to begin, commit or abort a transaction; commits are retried. */
    @WithDefault("2s")
    Duration maxBlock();

    /**
     * Producer {@code transaction.timeout.ms}: the coordinator aborts a transaction left open this long, e.g. by a
     * service killed mid-transaction, whose open transaction holds back read-committed consumers until then.
     */
    @WithDefault("30s")
    Duration transactionTimeout();

    /**
     * Transactional producers that take turns. Kafka lets a producer begin writing its next transaction only once
     * the brokers have finished its previous one, tens of milliseconds later: with one producer that wait would
     * bound the rate.
     */
    @WithDefault("4")
    int producers();

    /** Commands per transaction at most; the commands that arrive while one commits share the next. */
    @WithDefault("2000")
    int maxBatch();

    /** Commands waiting for a transaction at most; more are answered 503 at once (nothing was sent). */
    @WithDefault("50000")
    int maxQueued();

    /**
     * Middle of the transactional ids {@code <application>-<instance-id>-<producer>}, unique per running instance. Default: a
     * random id per start. A stable one (a StatefulSet's pod name) lets a restarted instance abort its predecessor's
     * open transaction at once instead of after transaction-timeout.
     */
    Optional<String> instanceId();

    /** What a 503 tells the client to wait before retrying (whole seconds, at least one). */
    @WithDefault("5s")
    Duration retryAfter();

    /** Seconds for the Retry-After header, rounded up. */
    default long retryAfterSeconds() {
        return Math.max(1, (retryAfter().toMillis() + 999) / 1000);
    }

    /** Every broken relation between the settings, each naming its keys; empty when the settings are coherent. */
    default List<String> problems() {
        List<String> problems = new ArrayList<>();
        if (deliveryTimeout().compareTo(requestTimeout()) < 0) {
            problems.add(key("delivery-timeout") + " (" + deliveryTimeout().toMillis() + " ms) must be at least "
                    + key("request-timeout") + " (" + requestTimeout().toMillis() + " ms), as Kafka requires");
        }
        if (ackTimeout().compareTo(deliveryTimeout()) <= 0) {
            problems.add(key("ack-timeout") + " (" + ackTimeout().toMillis() + " ms) must be greater than "
                    + key("delivery-timeout") + " (" + deliveryTimeout().toMillis() + " ms): a command must outlast "
                    + "the retries of its record, or a broker failure that Kafka rides through would answer 503");
        }
        if (transactionTimeout().compareTo(ackTimeout()) <= 0) {
            problems.add(key("transaction-timeout") + " (" + transactionTimeout().toMillis() + " ms) must be greater than "
                    + key("ack-timeout") + " (" + ackTimeout().toMillis() + " ms): the coordinator would abort "
                    + "transactions that commands still wait for");
        }
        Map<String, Duration> positive = new LinkedHashMap<>();
        positive.put("ack-timeout", ackTimeout());
        positive.put("request-timeout", requestTimeout());
        positive.put("delivery-timeout", deliveryTimeout());
        positive.put("max-block", maxBlock());
        positive.put("transaction-timeout", transactionTimeout());
        positive.put("retry-after", retryAfter());
        positive.forEach((name, value) -> {
            if (value.isNegative() || value.isZero()) {
                problems.add(key(name) + " must be positive, got " + value);
            }
        });
        if (producers() < 1 || producers() > 32) {
            problems.add(key("producers") + " must be between 1 and 32, got " + producers());
        }
        if (maxBatch() < 1) {
            problems.add(key("max-batch") + " must be at least 1, got " + maxBatch());
        }
        if (maxQueued() < maxBatch()) {
            problems.add(key("max-queued") + " (" + maxQueued() + ") must be at least " + key("max-batch")
                    + " (" + maxBatch() + ")");
        }
        instanceId().filter(id -> !id.matches("[A-Za-z0-9._-]{1,100}")).ifPresent(id ->
                problems.add(key("instance-id") + " must be 1-100 letters, digits, '.', '_' or '-', got '" + id + "'"));
        return problems;
    }

    private static String key(String name) {
        return PREFIX + "." + name;
    }
}
