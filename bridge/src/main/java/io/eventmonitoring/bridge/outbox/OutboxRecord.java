package io.eventmonitoring.bridge.outbox;

import java.util.List;

/**
 * The notifications one routed batch has for one channel (written by {@link OutboxCodec}). A channel posts at most
 * about once a second, so grouping costs no latency and saves the brokers a write per event.
 */
public record OutboxRecord(List<Notification> notifications) {
}
