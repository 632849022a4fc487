package io.eventmonitoring.bridge.status;

import io.eventmonitoring.bridge.kafka.VersionedJson;
import io.quarkus.runtime.annotations.RegisterForReflection;

import java.util.List;

/**
 * The value of a {@code bridge-status} record: the channel's status as JSON with a {@code version}. A record that is
 * not one, or whose key is not its channel, is refused with the reason.
 */
// Statuses go through VersionedJson's own ObjectMapper, which a native image cannot discover by itself.
@RegisterForReflection(targets = {ChannelStatus.class, Delivery.class})
public final class StatusCodec {

    private static final VersionedJson JSON = VersionedJson.lenient(1);

    private StatusCodec() {
    }

    public static String encode(ChannelStatus status) {
        return JSON.encode(status);
    }

    /** Reads a record value of the given key; the message of the exception is the reason it is refused. */
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
}
