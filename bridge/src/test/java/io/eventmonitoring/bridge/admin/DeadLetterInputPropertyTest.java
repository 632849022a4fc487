package io.eventmonitoring.bridge.admin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.eventmonitoring.bridge.match.InvalidFieldException;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import static org.assertj.core.api.Assertions.assertThat;

/** Bodies of a bulk replay: a filter, or an error naming the field. */
class DeadLetterInputPropertyTest {

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    @Property(tries = 2000)
    void anyBulkReplayBodyIsAFilterOrANamedField(@ForAll("bodies") String body) {
        try {
            assertThat(DeadLetterResource.filter(body).isEmpty()).isFalse();
        } catch (InvalidFieldException e) {
            assertThat(e.field().equals("body") || body.contains("\"" + e.field() + "\"")).as(e.field()).isTrue();
        }
    }

    @Property(tries = 1000)
    void anyTextAsABulkReplayBodyIsAFilterOrANamedField(@ForAll String body) {
        try {
            DeadLetterResource.filter(body);
        } catch (InvalidFieldException e) {
            assertThat(e.field()).isNotBlank();
        }
    }

    @Provide
    Arbitrary<String> bodies() {
        Arbitrary<JsonNode> value = Arbitraries.oneOf(
                Arbitraries.of("slack 404 *", "order", "order.*", "delivery", "", " ").map(JSON::textNode),
                Arbitraries.strings().ofMaxLength(250).map(JSON::textNode), Arbitraries.just(JSON.nullNode()),
                Arbitraries.integers().map(JSON::numberNode), Arbitraries.just(JSON.arrayNode()),
                Arbitraries.just(JSON.objectNode()));
        return Arbitraries.maps(Arbitraries.of("reason", "channel", "type", "cause", "replayed", "chanel"), value)
                .ofMaxSize(5).map(fields -> {
                    ObjectNode body = JSON.objectNode();
                    fields.forEach(body::set);
                    return body.toString();
                });
    }
}
