package io.eventmonitoring.user.account;

import com.fasterxml.jackson.annotation.JsonValue;

import java.util.Locale;

public enum ResetChannel {
    EMAIL, SMS;

    @JsonValue
    @Override
    public String toString() {
        return name().toLowerCase(Locale.ROOT);
    }
}
