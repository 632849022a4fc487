package io.eventmonitoring.bridge.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;

import java.util.List;
import java.util.Map;

/** Arbitrary bodies for the management API, for properties of its validators and for requests to a started bridge. */
public final class AdminBodies {

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
    private static final List<String> TOP = List.of("matchers", "expiresAt", "duration", "createdBy", "comment", "extra");
    private static final List<String> MATCHERS = List.of("domain", "type", "severity", "route", "channel", "attributes", "empty");

    private AdminBodies() {
    }

    /** Bodies of POST /admin/silences: every field absent, null, of any JSON type, near a valid value, or unknown. */
    public static Arbitrary<String> silences() {
        Arbitrary<Map<String, JsonNode>> matchers = Arbitraries.maps(Arbitraries.of(MATCHERS), value(true)).ofMaxSize(4);
        return Arbitraries.maps(Arbitraries.of(TOP), value(false)).ofMaxSize(5)
                .flatMap(top -> matchers.map(m -> {
                    ObjectNode body = JSON.objectNode();
                    top.forEach(body::set);
                    if (!top.containsKey("matchers") || m.size() % 2 == 0) {
                        ObjectNode node = body.putObject("matchers");
                        m.forEach(node::set);
                    }
                    return body.toString();
                }));
    }

    private static Arbitrary<JsonNode> value(boolean matcher) {
        Arbitrary<String> likely = matcher
                ? Arbitraries.of("order", "user", "order.*", "warning", "orders", "", " ", "*", "loud")
                : Arbitraries.of("PT5M", "PT0S", "-PT1H", "P400D", "PT2562047788015215H", "2020-01-01T00:00:00Z",
                "2026-06-01T13:00:00Z", "2999-01-01T00:00:00Z", "ops", "");
        Arbitrary<JsonNode> attributes = Arbitraries.maps(Arbitraries.of("email", "a.b", "", "a..b", "."),
                        Arbitraries.oneOf(Arbitraries.of("", "*", "x?").map(JSON::textNode),
                                Arbitraries.integers().map(JSON::numberNode), Arbitraries.just(JSON.nullNode())))
                .ofMaxSize(3).map(m -> {
                    ObjectNode node = JSON.objectNode();
                    m.forEach(node::set);
                    return node;
                });
        return Arbitraries.oneOf(likely.map(JSON::textNode), Arbitraries.strings().ofMaxLength(600).map(JSON::textNode),
                Arbitraries.just(JSON.nullNode()), Arbitraries.integers().map(JSON::numberNode),
                Arbitraries.of(true, false).map(JSON::booleanNode), Arbitraries.just(JSON.arrayNode()), attributes);
    }
}
