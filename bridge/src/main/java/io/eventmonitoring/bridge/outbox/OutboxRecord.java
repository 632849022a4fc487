package io.eventmonitoring.bridge.outbox;

import java.util.List;

/**
 * The notifications one routed batch has for one channel (written by {@link OutboxCodec}). A channel posts at most
 * about once a second, so grouping costs no latency and saves the brokers a write per event.
 *
 * @param resume an operator asks the channel's owner, whichever replica that is, to resume the channel if it is
 *               paused for its bot token; such a record carries no notifications
 */
public record OutboxRecord(List<Notification> notifications, boolean resume) {

    public OutboxRecord(List<Notification> notifications) {
        this(notifications, false);
    }

    /** The request to resume the channel the record is keyed by. */
    public static OutboxRecord resumeRequest() {
        return new OutboxRecord(List.of(), true);
    }
}
