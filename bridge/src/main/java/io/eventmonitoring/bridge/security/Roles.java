package io.eventmonitoring.bridge.security;

import java.util.Set;

/** The roles of the console and the management API. */
public final class Roles {

    /** Reads everything. */
    public static final String VIEWER = "viewer";
    /** Also silences, expires, replays and resumes; implies {@link #VIEWER}. */
    public static final String OPERATOR = "operator";
    public static final Set<String> ALL = Set.of(VIEWER, OPERATOR);

    private Roles() {
    }
}
