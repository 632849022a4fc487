package io.eventmonitoring.testing;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How many events a message of the bridge accounts for, read from its {@code text}: a digest opens with
 * {@code "<n> events on #<channel>"}, any other message is one event. The one place tests read that count.
 */
public final class SlackDigest {

    private static final Pattern DIGEST = Pattern.compile("^(\\d+) events on #");

    private SlackDigest() {
    }

    public static boolean isDigest(String text) {
        return text != null && DIGEST.matcher(text).find();
    }

    /** The events the message stands for: a digest's count, else 1. */
    public static int eventsIn(String text) {
        Matcher digest = DIGEST.matcher(text == null ? "" : text);
        return digest.find() ? Integer.parseInt(digest.group(1)) : 1;
    }
}
