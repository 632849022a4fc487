package io.eventmonitoring.bridge.match;

/**
 * A shell-style glob: {@code *} is any run of characters, {@code ?} one character (a Unicode code point); nothing else
 * is special. Matching is not a regular expression: it takes time linear in the value for a glob of one star, at most
 * value × glob for any glob, so no glob an operator types can stall a stage on a long value.
 */
public final class Glob {

    /** Longer globs are surely a mistake, and would only make matching slower. */
    public static final int MAX_LENGTH = 200;

    /** Compiles a glob; the message of the exception says what is wrong with it. */
    public static Glob of(String expression) {
        if (expression == null || expression.isBlank()) {
            throw new IllegalArgumentException("a glob must not be empty");
        }
        if (expression.length() > MAX_LENGTH) {
            throw new IllegalArgumentException("a glob must not be longer than " + MAX_LENGTH + " characters");
        }
        return new Glob(expression);
    }

    private final String expression;
    private final int[] codePoints;

    private Glob(String expression) {
        this.expression = expression;
        this.codePoints = expression.codePoints().toArray();
    }

    public String expression() {
        return expression;
    }

    /** Whether the whole value matches; null (an absent attribute) matches nothing. */
    public boolean matches(String value) {
        if (value == null) {
            return false;
        }
        int[] text = value.codePoints().toArray();
        int t = 0;
        int g = 0;
        // Where the last star was, and the text position it was last tried to end at: backtracking goes only there.
        int star = -1;
        int resume = 0;
        while (t < text.length) {
            if (g < codePoints.length && codePoints[g] == '*') {
                star = g++;
                resume = t;
            } else if (g < codePoints.length && (codePoints[g] == '?' || codePoints[g] == text[t])) {
                t++;
                g++;
            } else if (star >= 0) {
                g = star + 1;
                t = ++resume;
            } else {
                return false;
            }
        }
        while (g < codePoints.length && codePoints[g] == '*') {
            g++;
        }
        return g == codePoints.length;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Glob glob && glob.expression.equals(expression);
    }

    @Override
    public int hashCode() {
        return expression.hashCode();
    }

    @Override
    public String toString() {
        return expression;
    }
}
