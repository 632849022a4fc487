package io.eventmonitoring.command.idempotency;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** How long and how many Idempotency-Keys a service remembers. */
@ConfigMapping(prefix = IdempotencyConfig.PREFIX)
public interface IdempotencyConfig {

    String PREFIX = "eventmonitoring.idempotency";

    /** How long a key's answer is replayed after the command was accepted (the draft's retention window). */
    @WithDefault("24h")
    Duration retention();

    /**
     * How long a claimed key stays in flight (409) when its request never answered, e.g. its instance was killed:
     * longer than a command can wait plus the transaction timeout, so that the claim's transaction is decided first.
     */
    @WithDefault("60s")
    Duration claimTimeout();

    /** Keys held in memory at most (the newest), which bounds their memory; older ones are forgotten early, counted. */
    @WithDefault("50000")
    int maxKeys();

    /** Every broken relation, naming its keys. */
    default List<String> problems(Duration ackTimeout, Duration transactionTimeout) {
        List<String> problems = new ArrayList<>();
        if (claimTimeout().compareTo(ackTimeout.plus(transactionTimeout)) <= 0) {
            problems.add(PREFIX + ".claim-timeout (" + claimTimeout().toMillis() + " ms) must be greater than "
                    + "eventmonitoring.publish.ack-timeout + eventmonitoring.publish.transaction-timeout ("
                    + ackTimeout.plus(transactionTimeout).toMillis() + " ms): a claim must outlive its transaction");
        }
        if (retention().compareTo(claimTimeout()) <= 0) {
            problems.add(PREFIX + ".retention must be greater than " + PREFIX + ".claim-timeout");
        }
        if (maxKeys() < 1) {
            problems.add(PREFIX + ".max-keys must be at least 1, got " + maxKeys());
        }
        return problems;
    }
}
