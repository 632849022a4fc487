package io.eventmonitoring.bridge.match;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.StringLength;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

class GlobPropertyTest {

    /** The definition of a glob, written as plainly as possible: exponential, fine for short strings. */
    private static boolean reference(int[] glob, int g, int[] text, int t) {
        if (g == glob.length) {
            return t == text.length;
        }
        if (glob[g] == '*') {
            return reference(glob, g + 1, text, t) || (t < text.length && reference(glob, g, text, t + 1));
        }
        return t < text.length && (glob[g] == '?' || glob[g] == text[t]) && reference(glob, g + 1, text, t + 1);
    }

    @Property(tries = 3000)
    void matchesAsTheDefinitionSays(@ForAll("globs") String glob, @ForAll("texts") String text) {
        assertThat(Glob.of(glob).matches(text))
                .isEqualTo(reference(glob.codePoints().toArray(), 0, text.codePoints().toArray(), 0));
    }

    @Property
    void aGlobWithoutWildcardsMatchesExactlyItself(@ForAll @StringLength(max = Glob.MAX_LENGTH) String literal,
                                                   @ForAll String other) {
        String glob = literal.replace('*', 'x').replace('?', 'x');
        if (glob.isBlank()) {
            assertThatThrownBy(() -> Glob.of(glob)).isInstanceOf(IllegalArgumentException.class);
            return;
        }
        assertThat(Glob.of(glob).matches(glob)).isTrue();
        assertThat(Glob.of(glob).matches(other)).isEqualTo(other.equals(glob));
    }

    @Property
    void aStarMatchesAnyRunOfCharactersNewlinesIncluded(@ForAll("plain") String prefix, @ForAll String middle,
                                                        @ForAll("plain") String suffix) {
        assertThat(Glob.of(prefix + "*" + suffix).matches(prefix + middle + suffix)).isTrue();
    }

    @Property
    void aQuestionMarkIsOneCodePoint(@ForAll @StringLength(max = Glob.MAX_LENGTH - 1) String value) {
        String glob = "?".repeat(value.codePointCount(0, value.length()));
        if (!glob.isEmpty()) {
            assertThat(Glob.of(glob).matches(value)).isTrue();
            assertThat(Glob.of(glob + "?").matches(value)).isFalse();
        }
    }

    @Property
    void anyStringIsAGlobOrACleanRejection(@ForAll String expression, @ForAll String value) {
        try {
            Glob glob = Glob.of(expression);
            glob.matches(value);
        } catch (IllegalArgumentException rejected) {
            assertThat(expression == null || expression.isBlank() || expression.length() > Glob.MAX_LENGTH).isTrue();
        }
    }

    @Example
    void manyStarsOnALongValueTakeNoTime() {
        Glob glob = Glob.of("*a*a*a*a*a*a*a*a*a*a*a*a*b");
        String value = "a".repeat(100_000);
        assertTimeoutPreemptively(Duration.ofSeconds(5), () -> assertThat(glob.matches(value)).isFalse());
    }

    @Provide
    Arbitrary<String> globs() {
        return Arbitraries.strings().withChars('a', 'b', '*', '?', '\n', '.', '\\').ofMinLength(1).ofMaxLength(8)
                .filter(s -> !s.isBlank());
    }

    @Provide
    Arbitrary<String> texts() {
        return Arbitraries.strings().withChars('a', 'b', '\n', '.', '*', '?').ofMaxLength(10)
                .edgeCases(edges -> edges.add("🚀"));
    }

    @Provide
    Arbitrary<String> plain() {
        return Arbitraries.strings().ofMaxLength(90).map(s -> s.replace('*', 'x').replace('?', 'x'));
    }
}
