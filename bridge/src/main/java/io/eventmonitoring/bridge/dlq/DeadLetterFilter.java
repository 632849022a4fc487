package io.eventmonitoring.bridge.dlq;

import io.eventmonitoring.bridge.match.Glob;
import io.eventmonitoring.bridge.match.InvalidFieldException;

import java.util.Optional;

/**
 * Which dead letters a listing shows or a bulk replay takes: every filter given must match. Reason and type are globs
 * ({@code slack 404 *}, {@code order.*}), channel and cause are exact.
 */
public record DeadLetterFilter(Optional<Glob> reason, Optional<String> channel, Optional<Glob> type,
                               Optional<String> cause, Optional<Boolean> replayed) {

    /** Compiles the filters given as text (null when absent), or names the one that is wrong. */
    public static DeadLetterFilter of(String reason, String channel, String type, String cause, String replayed) {
        return new DeadLetterFilter(glob("reason", reason), text("channel", channel), glob("type", type),
                text("cause", cause), Optional.ofNullable(replayed).map(r -> switch (r) {
                    case "true" -> true;
                    case "false" -> false;
                    default -> throw new InvalidFieldException("replayed", "must be true or false, was '" + r + "'");
                }));
    }

    public DeadLetterFilter notReplayed() {
        return new DeadLetterFilter(reason, channel, type, cause, Optional.of(false));
    }

    public boolean isEmpty() {
        return reason.isEmpty() && channel.isEmpty() && type.isEmpty() && cause.isEmpty() && replayed.isEmpty();
    }

    public boolean matches(DeadLetter letter) {
        return reason.map(g -> g.matches(letter.reason())).orElse(true)
                && channel.map(c -> c.equals(letter.channel())).orElse(true)
                && type.map(g -> g.matches(letter.type())).orElse(true)
                && cause.map(c -> c.equals(letter.cause())).orElse(true)
                && replayed.map(r -> r == (letter.replayedAt() != null)).orElse(true);
    }

    private static Optional<Glob> glob(String field, String expression) {
        if (expression == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(Glob.of(expression));
        } catch (IllegalArgumentException e) {
            throw new InvalidFieldException(field, e.getMessage());
        }
    }

    private static Optional<String> text(String field, String value) {
        if (value == null) {
            return Optional.empty();
        }
        if (value.isBlank() || value.length() > 200) {
            throw new InvalidFieldException(field, "must be 1 to 200 characters");
        }
        return Optional.of(value);
    }
}
