package io.eventmonitoring.bridge.routing;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.eventmonitoring.bridge.match.AttributePath;
import io.eventmonitoring.bridge.match.Glob;
import io.eventmonitoring.events.CloudEvent;
import io.eventmonitoring.events.Severity;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** Routes match any event by the rules of their globs, and routing any event picks routes without failing. */
class RoutePropertyTest {

    @Property(tries = 2000)
    void aRouteMatchesATypeExactlyWhenOneOfItsGlobsDoes(@ForAll("globs") List<String> globs, @ForAll("texts") String type) {
        Route route = route(globs.stream().map(Glob::of).toList(), Map.of());
        assertThat(route.matches(event(type, JsonNodeFactory.instance.objectNode())))
                .isEqualTo(globs.isEmpty() || globs.stream().anyMatch(g -> Glob.of(g).matches(type)));
    }

    @Property(tries = 2000)
    void anAttributeMatchesItsValueAtItsPathOnly(@ForAll("paths") String path, @ForAll("globs1") String glob,
                                                @ForAll("texts") String value, @ForAll("paths") String otherPath) {
        ObjectNode data = JsonNodeFactory.instance.objectNode();
        ObjectNode node = data;
        String[] parts = otherPath.split("\\.");
        for (int i = 0; i < parts.length - 1; i++) {
            node = node.putObject(parts[i]);
        }
        node.put(parts[parts.length - 1], value);
        Route route = route(List.of(), Map.of(AttributePath.of(path), Glob.of(glob)));

        assertThat(route.matches(event("order.created", data)))
                .isEqualTo(path.equals(otherPath) && Glob.of(glob).matches(value));
    }

    @Property(tries = 1000)
    void theFirstMatchingRouteWinsUnlessItContinues(@ForAll("globs") List<String> globs, @ForAll("texts") String type,
                                                    @ForAll boolean continues) {
        List<Route> routes = globs.stream().map(g -> new Route(g, "c", Optional.empty(), List.of(Glob.of(g)), Set.of(),
                Map.of(), continues)).toList();
        Route fallback = route(List.of(), Map.of());
        List<Route> matched = new Router(routes, Optional.of(fallback)).routesFor(event(type, null));

        List<Route> matching = routes.stream().filter(r -> r.types().get(0).matches(type)).toList();
        if (matching.isEmpty()) {
            assertThat(matched).containsExactly(fallback);
        } else {
            assertThat(matched).isEqualTo(continues ? matching : matching.subList(0, 1));
        }
    }

    private static Route route(List<Glob> types, Map<AttributePath, Glob> attributes) {
        return new Route("r", "c", Optional.empty(), types, Set.of(), attributes, false);
    }

    private static CloudEvent event(String type, ObjectNode data) {
        return new CloudEvent(CloudEvent.SPEC_VERSION, "id", "/x", type, null, null, null, Severity.INFO, data);
    }

    @Provide
    Arbitrary<List<String>> globs() {
        return globs1().list().ofMaxSize(4);
    }

    @Provide
    Arbitrary<String> globs1() {
        return Arbitraries.strings().withChars('o', 'r', '.', '*', '?', '-', '\n').ofMinLength(1).ofMaxLength(8)
                .filter(s -> !s.isBlank());
    }

    @Provide
    Arbitrary<String> texts() {
        return Arbitraries.oneOf(Arbitraries.strings().withChars('o', 'r', '.', '-', '\n', '*').ofMinLength(1).ofMaxLength(10),
                Arbitraries.strings().ofMinLength(1).ofMaxLength(10));
    }

    @Provide
    Arbitrary<String> paths() {
        return Arbitraries.of("a", "b", "a.b", "a.c", "b.a.c", "customer.tier");
    }
}
