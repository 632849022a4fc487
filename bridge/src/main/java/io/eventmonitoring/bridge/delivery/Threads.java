package io.eventmonitoring.bridge.delivery;

import java.util.Optional;

/** Where each entity's Slack thread is remembered, across restarts and replicas. */
public interface Threads {

    /** Whether the threads written before are all known: no root is posted before. */
    boolean loaded();

    /** The ts of the entity's root message on the channel, unless it has none (or it expired). */
    Optional<String> root(String channel, String entity, long now);

    void remember(String channel, String entity, String slackChannelId, String ts, long now);

    /** The root is gone from Slack: the entity's next event starts a new thread. */
    void forget(String channel, String entity);
}
