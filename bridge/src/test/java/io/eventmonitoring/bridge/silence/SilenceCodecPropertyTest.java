package io.eventmonitoring.bridge.silence;

import io.eventmonitoring.bridge.match.InvalidFieldException;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import java.time.Instant;
import java.util.Map;
import java.util.regex.Matcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** What bridge-silences holds is read back as written, and anything else is a reason to skip the record. */
class SilenceCodecPropertyTest {

    private static final String ID = "5f0c3a0e-0000-4000-8000-000000000001";

    @Property(tries = 1000)
    void aStoredSilenceReadsBackAsItWasWritten(@ForAll("silences") Silence silence) {
        assertThat(SilenceCodec.decode(silence.id(), SilenceCodec.encode(silence)).silence()).isEqualTo(silence);
    }

    @Property(tries = 2000)
    void anyRecordValueIsASilenceOrAReason(@ForAll String value) {
        assertSilenceOrReason(value);
    }

    @Property(tries = 2000)
    void anyChangeToAStoredSilenceIsASilenceOrAReason(@ForAll("silences") Silence silence, @ForAll("edits") String edit,
                                                       @ForAll("values") String value) {
        String json = SilenceCodec.encode(silence).replaceFirst("\"" + edit + "\":(\"[^\"]*\"|[^,}]*)", Matcher.quoteReplacement("\"" + edit + "\":" + value));
        assertSilenceOrReason(json);
    }

    @Example
    void aRecordWithoutAVersionOrWithAnUnknownFieldIsRefused() {
        String valid = SilenceCodec.encode(SilenceRulePropertyTest.silence(new Silence.Matchers(null, "order.*", null,
                null, "order", null)));
        assertThat(SilenceCodec.decode(ID, valid).silence().matchers().channel()).isEqualTo("order");

        assertThatThrownBy(() -> SilenceCodec.decode(ID, valid.replace("\"version\":1", "\"unversioned\":1")))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SilenceCodec.decode(ID, valid.replace("{\"id\"", "{\"empty\":false,\"id\"")))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Example
    void theStoredPoisonSilenceAndOtherVersionsAreRejectedWithTheirReason() {
        String poison = "{\"version\":1,\"id\":\"" + ID + "\",\"matchers\":{\"attributes\":{\"email\":\"\"}},"
                + "\"expiresAt\":\"2099-01-01T00:00:00Z\",\"createdAt\":\"2025-12-31T00:00:00Z\"}";
        assertThatThrownBy(() -> SilenceCodec.decode(ID, poison)).isInstanceOf(InvalidFieldException.class)
                .extracting(e -> ((InvalidFieldException) e).field()).isEqualTo("matchers.attributes.email");
        String future = poison.replace("\"\"}", "\"x\"}").replace("\"version\":1", "\"version\":2");
        assertThatThrownBy(() -> SilenceCodec.decode(ID, future)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SilenceCodec.decode("another-key", future.replace("\"version\":2,", "")))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private static void assertSilenceOrReason(String value) {
        try {
            SilenceRule rule = SilenceCodec.decode(ID, value);
            assertThat(rule.silence().id()).isEqualTo(ID);
        } catch (IllegalArgumentException rejected) {
            assertThat(rejected.getMessage()).isNotBlank();
        }
    }

    @Provide
    Arbitrary<Silence> silences() {
        Arbitrary<String> text = Arbitraries.strings().ofMinLength(1).ofMaxLength(40).filter(s -> !s.isBlank());
        Arbitrary<Instant> at = Arbitraries.longs().between(0, 4_102_444_800L).map(Instant::ofEpochSecond);
        Arbitrary<Silence.Matchers> matchers = Combinators.combine(Arbitraries.of("user", "order").injectNull(0.5),
                        text.injectNull(0.5), Arbitraries.of("info", "warning", "critical").injectNull(0.5),
                        text.injectNull(0.5), text.injectNull(0.5),
                        Arbitraries.maps(Arbitraries.of("a", "a.b", "customer.tier"), text).ofMinSize(1).ofMaxSize(3))
                .as(Silence.Matchers::new);
        return Combinators.combine(matchers, at, text.injectNull(0.3), text.injectNull(0.3), at)
                .as((m, expiresAt, createdBy, comment, createdAt) -> new Silence(ID, m, expiresAt, createdBy, comment, createdAt));
    }

    @Provide
    Arbitrary<String> edits() {
        return Arbitraries.of("version", "id", "matchers", "type", "severity", "domain", "attributes", "expiresAt",
                "createdAt", "createdBy", "a");
    }

    @Provide
    Arbitrary<String> values() {
        return Arbitraries.oneOf(Arbitraries.of("null", "1", "2", "-1", "1.5", "true", "[]", "{}", "\"\"", "\"x\"",
                        "{\"a\":1}", "[\"x\"]", "99999999999999999999", "\"2026-13-45T00:00:00Z\""),
                Arbitraries.strings().ofMaxLength(10).map(s -> "\"" + s.replace("\\", "").replace("\"", "") + "\""));
    }

    @Example
    void anAttributeMapIsRequiredToHoldGlobs() {
        String json = SilenceCodec.encode(SilenceRulePropertyTest.silence(new Silence.Matchers(null, null, null, null,
                null, Map.of("a", "b")))).replace("\"b\"", "{}");
        assertThatThrownBy(() -> SilenceCodec.decode(ID, json)).isInstanceOf(IllegalArgumentException.class);
    }
}
