package io.eventmonitoring.bridge.status;

import io.eventmonitoring.bridge.kafka.VersionedJson;
import io.quarkus.runtime.annotations.RegisterForReflection;

import java.util.List;

/**
 * The value of a {@code bridge-status} record as JSON with a {@code version}: a channel's status under the channel's
 * name, or a replica's counters under {@link ReplicaStatus#key(String)}. A record that is not one, or whose key is not
 * its channel or replica, is refused with the reason.
 */
// Statuses go through VersionedJson's own ObjectMapper, which a native image cannot discover by itself.
@RegisterForReflection(targets = {ChannelStatus.class, Delivery.class, ReplicaStatus.class, RouteCounters.class})
public final class StatusCodec {

    private static final VersionedJson JSON = VersionedJson.lenient(1);

    private StatusCodec() {
    }

    public static String encode(ChannelStatus status) {
        return JSON.encode(status);
    }

    public static String encode(ReplicaStatus replica) {
        return JSON.encode(replica);
    }

    /** Reads a channel's record value of the given key; the message of the exception is the reason it is refused. */
    public static ChannelStatus decode(String key, String value) {
        ChannelStatus status = JSON.decode(value, ChannelStatus.class, "channel status");
        if (status.channel() == null || !status.channel().equals(key)) {
            throw new IllegalArgumentException("the key '" + key + "' is not the status's channel '" + status.channel() + "'");
        }
        if (status.owner() == null || status.publishedAt() == null || status.state() == null) {
            throw new IllegalArgumentException("owner, publishedAt and state are required");
        }
        return status.deliveries() == null ? new ChannelStatus(status.channel(), status.owner(), status.publishedAt(),
                status.state(), status.queued(), status.nextPostAt(), status.lastPost(), List.of()) : status;
    }

    /** Reads a replica's record value of the given key; the message of the exception is the reason it is refused. */
    public static ReplicaStatus decodeReplica(String key, String value) {
        ReplicaStatus replica = JSON.decode(value, ReplicaStatus.class, "replica status");
        if (replica.replica() == null || !ReplicaStatus.key(replica.replica()).equals(key)) {
            throw new IllegalArgumentException("the key '" + key + "' is not of the status's replica '"
                    + replica.replica() + "'");
        }
        if (replica.startedAt() == null || replica.publishedAt() == null || replica.routes() == null) {
            throw new IllegalArgumentException("startedAt, publishedAt and routes are required");
        }
        for (RouteCounters route : replica.routes()) {
            if (route == null || route.route() == null || route.channel() == null || route.counters() == null) {
                throw new IllegalArgumentException("a route's route, channel and counters are required");
            }
            if (route.counters().values().stream().anyMatch(n -> n == null || n < 0)) {
                throw new IllegalArgumentException("the counters of route '" + route.route()
                        + "' must be whole numbers, 0 or more");
            }
        }
        return replica;
    }
}
