package io.eventmonitoring.bridge.dlq;

import io.eventmonitoring.bridge.match.InvalidFieldException;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** Query parameters of the dead-letter API: a filter, a cursor, or an error naming the field. */
class DeadLetterQueryPropertyTest {

    private static final Set<String> FILTERS = Set.of("reason", "channel", "type", "cause", "replayed");

    @Property(tries = 2000)
    void anyQueryIsAFilterOrANamedField(@ForAll("params") String reason, @ForAll("params") String channel,
                                        @ForAll("params") String type, @ForAll("params") String cause,
                                        @ForAll("params") String replayed) {
        try {
            DeadLetterFilter.of(reason, channel, type, cause, replayed);
        } catch (InvalidFieldException e) {
            assertThat(FILTERS).contains(e.field());
        }
    }

    @Property(tries = 2000)
    void anyCursorTextIsACursorOrANamedField(@ForAll String text) {
        try {
            DeadLetterCursor cursor = DeadLetterCursor.decode(text);
            assertThat(DeadLetterCursor.decode(cursor.encode())).isEqualTo(cursor);
        } catch (InvalidFieldException e) {
            assertThat(e.field()).isEqualTo("cursor");
        }
    }

    @Property
    void aCursorReadsBackAsItWasWritten(@ForAll("positions") Map<Integer, Long> before) {
        DeadLetterCursor cursor = new DeadLetterCursor(before);
        assertThat(DeadLetterCursor.decode(cursor.encode())).isEqualTo(cursor);
    }

    @Provide
    Arbitrary<String> params() {
        return Arbitraries.oneOf(Arbitraries.strings().ofMaxLength(250), Arbitraries.of("", " ", "*", "true", "false",
                "slack 404 *", "order.*")).injectNull(0.4);
    }

    @Provide
    Arbitrary<Map<Integer, Long>> positions() {
        return Arbitraries.maps(Arbitraries.integers().between(0, 1000), Arbitraries.longs().between(0, Long.MAX_VALUE))
                .ofMinSize(1).ofMaxSize(12);
    }
}
