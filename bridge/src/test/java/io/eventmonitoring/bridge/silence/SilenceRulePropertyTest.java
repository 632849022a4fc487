package io.eventmonitoring.bridge.silence;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.eventmonitoring.bridge.match.InvalidFieldException;
import io.eventmonitoring.events.CloudEvent;
import io.eventmonitoring.events.Severity;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import java.time.Instant;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SilenceRulePropertyTest {

    private static final Instant NOW = Instant.parse("2026-06-01T12:00:00Z");
    private static final Set<String> FIELDS = Set.of("id", "expiresAt", "matchers", "matchers.domain", "matchers.type",
            "matchers.severity", "matchers.route", "matchers.channel", "matchers.attributes", "matchers.subject");

    @Example
    void theSilenceThatStoppedRoutingIsRejectedNamingItsField() {
        Silence poison = silence(new Silence.Matchers(null, null, null, null, null, Map.of("email", ""), null));

        assertThatThrownBy(() -> SilenceRule.compile(poison))
                .isInstanceOf(InvalidFieldException.class)
                .extracting(e -> ((InvalidFieldException) e).field()).isEqualTo("matchers.attributes.email");
    }

    /** Any silence compiles or names its field, and a compiled one matches any event without failing. */
    @Property(tries = 2000)
    void anySilenceCompilesOrNamesItsFieldAndNeverFailsAnEvent(@ForAll("matchers") Silence.Matchers matchers,
                                                               @ForAll("events") CloudEvent event,
                                                               @ForAll("names") String route, @ForAll("names") String channel) {
        SilenceRule rule;
        try {
            rule = SilenceRule.compile(silence(matchers));
        } catch (InvalidFieldException e) {
            assertThat(FIELDS.contains(e.field()) || e.field().startsWith("matchers.attributes.")).isTrue();
            return;
        }
        rule.matches(event, route, channel);
    }

    @Property(tries = 1000)
    void anAttributeMatcherMatchesExactlyTheEventsWithThatValue(@ForAll("literals") String value,
                                                                @ForAll("names") String other) {
        SilenceRule rule = SilenceRule.compile(silence(new Silence.Matchers(null, null, null, null, null,
                Map.of("customer.email", value.replace('*', '_').replace('?', '_')), null)));
        String literal = value.replace('*', '_').replace('?', '_');

        assertThat(rule.matches(event("order.created", Severity.INFO, "customer", "email", literal), "r", "c")).isTrue();
        assertThat(rule.matches(event("order.created", Severity.INFO, "customer", "email", other), "r", "c"))
                .isEqualTo(other.equals(literal));
        assertThat(rule.matches(event("order.created", Severity.INFO, "customer", "name", literal), "r", "c")).isFalse();
    }

    @Property
    void everyMatcherMustMatch(@ForAll("names") String route, @ForAll Severity severity) {
        SilenceRule rule = SilenceRule.compile(silence(new Silence.Matchers("order", "order.item-*", "warning", "orders",
                "order", null, null)));
        CloudEvent event = event("order.item-added", severity, "a", "b", "c");

        assertThat(rule.matches(event, "orders", "order")).isEqualTo(severity == Severity.WARNING);
        assertThat(rule.matches(event, route, "order")).isEqualTo(severity == Severity.WARNING && route.equals("orders"));
        assertThat(rule.matches(event("user.signed-up", Severity.WARNING, "a", "b", "c"), "orders", "order")).isFalse();
    }

    @Example
    void aSubjectMatcherSilencesOneEntity() {
        SilenceRule rule = SilenceRule.compile(silence(new Silence.Matchers("order", null, null, null, null, null, "s")));

        assertThat(rule.matches(event("order.created", Severity.INFO, "a", "b", "c"), "r", "c")).isTrue();
        assertThat(rule.matches(new CloudEvent(CloudEvent.SPEC_VERSION, "id", "/x", "order.created", "t", NOW,
                CloudEvent.JSON, Severity.INFO, JsonNodeFactory.instance.objectNode()), "r", "c")).isFalse();
    }

    @Example
    void aSilenceWithoutMatchersWouldMuteEverything() {
        assertThatThrownBy(() -> SilenceRule.compile(silence(new Silence.Matchers(null, null, null, null, null, Map.of(), null))))
                .isInstanceOf(InvalidFieldException.class)
                .extracting(e -> ((InvalidFieldException) e).field()).isEqualTo("matchers");
    }

    static Silence silence(Silence.Matchers matchers) {
        return new Silence("5f0c3a0e-0000-4000-8000-000000000001", matchers, NOW.plusSeconds(3600), "ops", "x", NOW);
    }

    private static CloudEvent event(String type, Severity severity, String object, String field, String value) {
        ObjectNode data = JsonNodeFactory.instance.objectNode();
        data.putObject(object).put(field, value);
        return new CloudEvent(CloudEvent.SPEC_VERSION, "id", "/x", type, "s", NOW, CloudEvent.JSON, severity, data);
    }

    @Provide
    Arbitrary<String> names() {
        return Arbitraries.oneOf(Arbitraries.strings().ofMaxLength(30), Arbitraries.of("", " ", "orders", "order", "*", "?"));
    }

    @Provide
    Arbitrary<String> literals() {
        return Arbitraries.strings().ofMinLength(1).ofMaxLength(30).filter(s -> !s.isBlank());
    }

    @Provide
    Arbitrary<Silence.Matchers> matchers() {
        Arbitrary<String> any = Arbitraries.oneOf(Arbitraries.strings().ofMaxLength(250),
                Arbitraries.of("", " ", "order", "user", "order.*", "warning", "*", "a..b", ".a")).injectNull(0.5);
        Arbitrary<Map<String, String>> attributes = Arbitraries.maps(
                Arbitraries.oneOf(Arbitraries.strings().ofMaxLength(20), Arbitraries.of("", ".", "a.b", "a..b", "email")),
                Arbitraries.oneOf(Arbitraries.strings().ofMaxLength(20), Arbitraries.of("", "*", " ")).injectNull(0.1))
                .ofMaxSize(25).injectNull(0.3);
        return Combinators.combine(any, any, any, any, any, attributes, any).as(Silence.Matchers::new);
    }

    @Provide
    Arbitrary<CloudEvent> events() {
        Arbitrary<String> text = Arbitraries.strings().ofMinLength(1).ofMaxLength(20).filter(s -> !s.isBlank());
        Arbitrary<ObjectNode> data = Arbitraries.maps(Arbitraries.strings().ofMaxLength(10), Arbitraries.strings().ofMaxLength(10))
                .ofMaxSize(4).map(m -> {
                    ObjectNode node = JsonNodeFactory.instance.objectNode();
                    m.forEach((k, v) -> node.putObject(k).put(k, v));
                    return node;
                }).injectNull(0.2);
        return Combinators.combine(text, Arbitraries.of(Severity.class), data)
                .as((type, severity, payload) -> new CloudEvent(CloudEvent.SPEC_VERSION, "id", "/x", type, null, null,
                        null, severity, payload));
    }
}
