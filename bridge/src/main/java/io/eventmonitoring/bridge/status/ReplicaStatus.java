package io.eventmonitoring.bridge.status;

import java.time.Instant;
import java.util.List;

/**
 * What a replica publishes about itself to bridge-status, under the key {@link #key(String)}: its route counters since
 * it started. The routing stage is split across replicas by partition, so the whole bridge's counters are the sum of
 * these records.
 *
 * @param publishedAt when the replica published this: at most the keepalive ago while it is alive
 */
public record ReplicaStatus(String replica, Instant startedAt, Instant publishedAt, List<RouteCounters> routes) {

    /** Channels are keyed by their name, replicas by this and theirs: a channel may not have a name that starts so. */
    public static final String KEY_PREFIX = "replica:";

    public static String key(String replica) {
        return KEY_PREFIX + replica;
    }

    static boolean isKey(String key) {
        return key.startsWith(KEY_PREFIX);
    }

    /** The same counters, published at another time: what tells whether any changed. */
    ReplicaStatus publishedAt(Instant at) {
        return new ReplicaStatus(replica, startedAt, at, routes);
    }
}
