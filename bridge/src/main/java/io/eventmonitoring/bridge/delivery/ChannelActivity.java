package io.eventmonitoring.bridge.delivery;

/**
 * What a channel's delivery is doing at one moment, as its owner sees it: the status the console shows.
 *
 * @param queued          events waiting for the channel, not yet in a message on its way
 * @param nextPostAtMillis the earliest time (epoch millis) the channel may post again; in the past when it may now
 */
public record ChannelActivity(State state, int queued, long nextPostAtMillis) {

    public enum State {
        /** Nothing waits. */
        IDLE,
        /** A message is on its way to Slack. */
        SENDING,
        /** Events wait for the channel's pace (its min-interval, slowed down after 429s). */
        WAITING_FOR_RATE,
        /** Slack failed (5xx, timeout, connection): events wait for the backoff to retry. */
        BACKING_OFF,
        /** Slack answered 429: events wait for its Retry-After. */
        RATE_LIMITED,
        /** An app channel whose credentials Slack refused: nothing is posted until they are fixed (issue 17). */
        PAUSED
    }
}
