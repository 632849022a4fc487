package io.eventmonitoring.events;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.arbitraries.StringArbitrary;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Whatever bytes a record carries, decoding yields an event or a {@link MalformedEventException}, nothing else. */
class CloudEventCodecPropertyTest {

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
    private static final List<String> FIELDS = List.of("specversion", "id", "source", "type", "subject", "time",
            "datacontenttype", "severity", "data");

    @Property(tries = 2000)
    void anyBytesDecodeToAnEventOrACleanRejection(@ForAll byte[] bytes) {
        assertEventOrRejection(new String(bytes, StandardCharsets.UTF_8));
    }

    @Property(tries = 2000)
    void anyTextDecodesToAnEventOrACleanRejection(@ForAll String text) {
        assertEventOrRejection(text);
    }

    /** Near misses find more than noise: every field present, absent or of any JSON type. */
    @Property(tries = 2000)
    void anyNearlyValidEventDecodesToAnEventOrACleanRejection(@ForAll("nearlyValidEvents") String json) {
        assertEventOrRejection(json);
    }

    @Example
    void deepNestingIsACleanRejection() {
        assertThatThrownBy(() -> CloudEventCodec.decode("{\"data\":" + "[".repeat(100_000)))
                .isInstanceOf(MalformedEventException.class);
    }

    @Property(tries = 1000)
    void anEncodedEventDecodesToItself(@ForAll("events") CloudEvent event) {
        assertThat(CloudEventCodec.decode(CloudEventCodec.encode(event))).isEqualTo(event);
    }

    private static void assertEventOrRejection(String value) {
        try {
            CloudEvent event = CloudEventCodec.decode(value);
            assertThat(event.id()).isNotBlank();
            assertThat(event.type()).isNotBlank();
            assertThat(event.severity()).isNotNull();
        } catch (MalformedEventException rejected) {
            assertThat(rejected.getMessage()).isNotBlank();
        }
    }

    @Provide
    Arbitrary<String> nearlyValidEvents() {
        Arbitrary<Map<String, JsonNode>> fields = Arbitraries.maps(Arbitraries.of(FIELDS), anyValue()).ofMaxSize(FIELDS.size());
        return fields.map(values -> {
            ObjectNode node = JSON.objectNode()
                    .put("specversion", "1.0").put("id", "1").put("source", "/x").put("type", "user.x");
            values.forEach((field, value) -> {
                if (value == null) {
                    node.remove(field);
                } else {
                    node.set(field, value);
                }
            });
            return node.toString();
        });
    }

    /** Any JSON value, or null for "leave the field out". */
    private static Arbitrary<JsonNode> anyValue() {
        return Arbitraries.oneOf(
                Arbitraries.just(null),
                Arbitraries.just(JSON.nullNode()),
                Arbitraries.strings().ofMaxLength(40).map(JSON::textNode),
                Arbitraries.of("1.0", "info", "warning", "critical", "2026-01-01T00:00:00Z", "2026-13-01T00:00:00Z", "")
                        .map(JSON::textNode),
                Arbitraries.longs().map(JSON::numberNode),
                Arbitraries.doubles().map(JSON::numberNode),
                Arbitraries.of(true, false).map(JSON::booleanNode),
                Arbitraries.strings().ofMaxLength(10).list().ofMaxSize(3)
                        .map(list -> { var array = JSON.arrayNode(); list.forEach(array::add); return array; }),
                Arbitraries.maps(Arbitraries.strings().ofMaxLength(10), Arbitraries.strings().ofMaxLength(10)).ofMaxSize(3)
                        .map(map -> { ObjectNode object = JSON.objectNode(); map.forEach(object::put); return object; }));
    }

    @Provide
    Arbitrary<CloudEvent> events() {
        StringArbitrary text = Arbitraries.strings().ofMinLength(1).ofMaxLength(40);
        Arbitrary<String> nonBlank = text.filter(s -> !s.isBlank());
        Arbitrary<Instant> time = Arbitraries.longs().between(0, 4_102_444_800L).map(Instant::ofEpochSecond);
        Arbitrary<JsonNode> data = Arbitraries.maps(text, text).ofMaxSize(5)
                .map(map -> { ObjectNode object = JSON.objectNode(); map.forEach(object::put); return object; });
        return Combinators.combine(nonBlank, nonBlank, nonBlank, text.injectNull(0.3), time.injectNull(0.2),
                        Arbitraries.of(Severity.class), data)
                .as((id, source, type, subject, at, severity, payload) -> new CloudEvent(CloudEvent.SPEC_VERSION, id,
                        source, type, subject, at, CloudEvent.JSON, severity, payload));
    }
}
