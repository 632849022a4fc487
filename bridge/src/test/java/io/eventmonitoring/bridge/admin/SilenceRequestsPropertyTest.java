package io.eventmonitoring.bridge.admin;

import io.eventmonitoring.bridge.match.InvalidFieldException;
import io.eventmonitoring.bridge.silence.SilenceRule;
import io.eventmonitoring.bridge.support.AdminBodies;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

import java.time.Duration;
import java.time.Instant;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Any body is a compiled silence or an error naming the field at fault; nothing else escapes. */
class SilenceRequestsPropertyTest {

    private static final Instant NOW = Instant.parse("2026-06-01T12:00:00Z");
    private static final SilenceRequests REQUESTS = new SilenceRequests(Set.of("orders", "default"), Set.of("order", "user"));
    private static final Set<String> FIELDS = Set.of("body", "matchers", "expiresAt", "duration", "createdBy", "comment",
            "matchers.domain", "matchers.type", "matchers.severity", "matchers.route", "matchers.channel",
            "matchers.attributes");

    @Property(tries = 3000)
    void anyTextIsASilenceOrANamedField(@ForAll String body) {
        assertSilenceOrNamedField(body);
    }

    @Property(tries = 5000)
    void anyNearlyValidBodyIsASilenceOrANamedField(@ForAll("bodies") String body) {
        assertSilenceOrNamedField(body);
    }

    @Example
    void theBodyThatStoppedRoutingIsRefusedNamingTheField() {
        assertThatThrownBy(() -> REQUESTS.parse("{\"matchers\":{\"attributes\":{\"email\":\"\"}},\"duration\":\"PT5M\","
                + "\"createdBy\":\"ops\",\"comment\":\"x\"}", NOW))
                .isInstanceOf(InvalidFieldException.class)
                .extracting(e -> ((InvalidFieldException) e).field()).isEqualTo("matchers.attributes.email");
    }

    @Example
    void aValidBodyIsCompiledWithItsExpiry() {
        SilenceRule rule = REQUESTS.parse("{\"matchers\":{\"channel\":\"order\",\"type\":\"order.item-*\"},"
                + "\"duration\":\"PT2H\",\"createdBy\":\"ops\",\"comment\":\"import job\"}", NOW);

        assertThat(rule.silence().expiresAt()).isEqualTo(NOW.plus(Duration.ofHours(2)));
        assertThat(rule.silence().createdAt()).isEqualTo(NOW);
        assertThat(rule.silence().matchers().type()).isEqualTo("order.item-*");
    }

    @Example
    void typosAndOverflowsAreNamed() {
        assertField("{\"matchers\":{\"channel\":\"order\",\"tpye\":\"order.x\"},\"duration\":\"PT1H\"}", "matchers.tpye");
        assertField("{\"matchers\":{\"channel\":\"ordr\"},\"duration\":\"PT1H\"}", "matchers.channel");
        assertField("{\"matchers\":{\"route\":\"nope\"},\"duration\":\"PT1H\"}", "matchers.route");
        assertField("{\"matchers\":{\"domain\":\"order\"},\"duration\":\"PT2562047788015215H\"}", "duration");
        assertField("{\"matchers\":{\"domain\":\"order\"},\"duration\":3600}", "duration");
        assertField("{\"matchers\":{\"domain\":\"order\"},\"expiresAt\":\"+1000000000-12-31T23:59:59Z\"}", "expiresAt");
        assertField("{\"matchers\":{\"domain\":\"order\"}}", "duration");
        assertField("[]", "body");
    }

    private static void assertField(String body, String field) {
        assertThatThrownBy(() -> REQUESTS.parse(body, NOW)).isInstanceOf(InvalidFieldException.class)
                .extracting(e -> ((InvalidFieldException) e).field()).isEqualTo(field);
    }

    private static void assertSilenceOrNamedField(String body) {
        try {
            SilenceRule rule = REQUESTS.parse(body, NOW);
            assertThat(rule.silence().expiresAt()).isAfter(NOW);
        } catch (InvalidFieldException e) {
            String field = e.field();
            String key = field.startsWith("matchers.attributes.") ? field.substring(20)
                    : field.startsWith("matchers.") ? field.substring(9) : field;
            // A known field, or an unknown one the body has.
            boolean named = FIELDS.contains(field) || body.contains("\"" + key + "\":");
            assertThat(named).as("field '%s' of %s", field, body).isTrue();
        }
    }

    @Provide
    Arbitrary<String> bodies() {
        return AdminBodies.silences();
    }
}
