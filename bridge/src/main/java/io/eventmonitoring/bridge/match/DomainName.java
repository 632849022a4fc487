package io.eventmonitoring.bridge.match;

import java.util.regex.Pattern;

/**
 * A domain as routes and silences name it: the prefix of an event type before its first dot ({@code payment} in
 * {@code payment.captured}). Any domain is accepted, including one the bridge has never heard of; only a name that no
 * event type could start with is refused.
 */
public final class DomainName {

    public static final int MAX_LENGTH = 64;
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_-]{0," + (MAX_LENGTH - 1) + "}");

    private DomainName() {
    }

    /** Whether a domain could be the prefix of an event type: letters, digits, {@code -} and {@code _}, no dot. */
    public static boolean isValid(String domain) {
        return domain != null && NAME.matcher(domain).matches();
    }

    /** The domain, or an exception whose message says what is wrong with it. */
    public static String of(String domain) {
        if (!isValid(domain)) {
            throw new IllegalArgumentException("'" + domain + "' is not a domain name: 1 to " + MAX_LENGTH
                    + " letters, digits, '-' or '_' (the type's prefix before its first dot, e.g. 'payment')");
        }
        return domain;
    }
}
