package io.eventmonitoring.command.idempotency;

import java.time.Duration;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What the idempotency topic says of each key, replayed in log order: every replica that has read the same prefix
 * of a partition holds the same states, so the first live claim of a key wins everywhere. Not thread-safe: the
 * store guards it.
 *
 * <p>Bounded: a key is kept for the retention window after its last record, and at most {@code maxKeys} keys
 * (the oldest go first, and are counted).
 */
final class Ledger {

    sealed interface State permits Claimed, Done {
    }

    record Claimed(String claim, long at) implements State {
    }

    record Done(String fingerprint, LedgerRecord.Accepted accepted, long at) implements State {
    }

    private final long retentionMillis;
    private final long claimTtlMillis;
    private final int maxKeys;
    /** In the order of each key's last change, so the eldest is the first to expire. */
    private final LinkedHashMap<String, State> states = new LinkedHashMap<>();
    private long evicted;

    Ledger(Duration retention, Duration claimTtl, int maxKeys) {
        this.retentionMillis = retention.toMillis();
        this.claimTtlMillis = claimTtl.toMillis();
        this.maxKeys = maxKeys;
    }

    void apply(String key, LedgerRecord record, long timestamp) {
        State current = get(key, timestamp);
        switch (record.kind()) {
            case LedgerRecord.CLAIM -> {
                // A later claim loses to an answer and to a live claim: that is what makes the first one win.
                if (current == null) {
                    put(key, new Claimed(record.claim(), timestamp));
                }
            }
            case LedgerRecord.DONE -> put(key, new Done(record.fingerprint(), record.accepted(), timestamp));
            case LedgerRecord.RELEASE -> {
                if (current instanceof Claimed claimed && claimed.claim().equals(record.claim())) {
                    states.remove(key);
                }
            }
            default -> {
                // An unknown kind, from a newer version: it changes nothing here.
            }
        }
        trim(timestamp);
    }

    /** The key's state at {@code now}, or null when it has none (never used, released, expired or evicted). */
    State get(String key, long now) {
        State state = states.get(key);
        if (state instanceof Claimed claimed && now - claimed.at() >= claimTtlMillis) {
            return null;
        }
        if (state instanceof Done done && now - done.at() >= retentionMillis) {
            return null;
        }
        return state;
    }

    int size() {
        return states.size();
    }

    long evicted() {
        return evicted;
    }

    private void put(String key, State state) {
        states.remove(key);
        states.put(key, state);
    }

    private void trim(long now) {
        Iterator<Map.Entry<String, State>> eldest = states.entrySet().iterator();
        while (eldest.hasNext()) {
            Map.Entry<String, State> entry = eldest.next();
            long at = entry.getValue() instanceof Done done ? done.at() : ((Claimed) entry.getValue()).at();
            if (now - at >= retentionMillis) {
                eldest.remove();
            } else if (states.size() > maxKeys) {
                eldest.remove();
                evicted++;
            } else {
                return;
            }
        }
    }
}
