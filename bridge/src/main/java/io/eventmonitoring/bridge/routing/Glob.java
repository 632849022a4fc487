package io.eventmonitoring.bridge.routing;

import java.util.regex.Pattern;

/** A shell-style glob: {@code *} is any run of characters, {@code ?} one character; nothing else is special. */
public record Glob(String expression, Pattern pattern) {

    public static Glob of(String expression) {
        if (expression == null || expression.isBlank()) {
            throw new IllegalArgumentException("a glob must not be empty");
        }
        StringBuilder regex = new StringBuilder();
        StringBuilder literal = new StringBuilder();
        for (char c : expression.toCharArray()) {
            if (c == '*' || c == '?') {
                if (!literal.isEmpty()) {
                    regex.append(Pattern.quote(literal.toString()));
                    literal.setLength(0);
                }
                regex.append(c == '*' ? ".*" : ".");
            } else {
                literal.append(c);
            }
        }
        if (!literal.isEmpty()) {
            regex.append(Pattern.quote(literal.toString()));
        }
        return new Glob(expression, Pattern.compile(regex.toString()));
    }

    public boolean matches(String value) {
        return value != null && pattern.matcher(value).matches();
    }
}
