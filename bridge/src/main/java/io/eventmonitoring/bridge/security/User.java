package io.eventmonitoring.bridge.security;

import java.util.Set;

/** A user of the console and the management API: a name, a bcrypt hash (never logged or shown) and roles. */
record User(String name, String bcryptHash, Set<String> roles) {

    @Override
    public String toString() {
        return "User[" + name + ", roles " + roles + "]";
    }
}
