package io.eventmonitoring.bridge.delivery;

import java.util.ArrayDeque;
import java.util.Deque;

/** At most {@code perMinute} calls in any sliding minute; not thread-safe (the dispatcher's thread owns it). */
final class PerMinuteBudget {

    private static final long MINUTE = 60_000;

    private final int perMinute;
    private final Deque<Long> spent = new ArrayDeque<>();

    PerMinuteBudget(int perMinute) {
        this.perMinute = perMinute;
    }

    /** Milliseconds until one more call fits; 0 when it fits now. */
    long waitMillis(long now) {
        while (!spent.isEmpty() && spent.peekFirst() <= now - MINUTE) {
            spent.pollFirst();
        }
        return spent.size() < perMinute ? 0 : spent.peekFirst() + MINUTE - now;
    }

    void spend(long now) {
        spent.addLast(now);
    }
}
