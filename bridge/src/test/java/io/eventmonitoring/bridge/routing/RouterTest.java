package io.eventmonitoring.bridge.routing;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.eventmonitoring.bridge.match.AttributePath;
import io.eventmonitoring.bridge.match.Glob;
import io.eventmonitoring.events.CloudEvent;
import io.eventmonitoring.events.EventType;
import io.eventmonitoring.events.Severity;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RouterTest {

    private static final Route REFUNDS = new Route("refunds", "finance", Optional.of("order"),
            List.of(Glob.of("order.returned")), Set.of(), Map.of(), true);
    private static final Route VIP = new Route("vip-orders", "vip", Optional.of("order"), List.of(Glob.of("order.*")),
            Set.of(), Map.of(AttributePath.of("customer.tier"), Glob.of("gold")), false);
    private static final Route CRITICAL = new Route("critical", "oncall", Optional.empty(), List.of(),
            Set.of(Severity.CRITICAL), Map.of(), false);
    private static final Route ORDERS = new Route("orders", "order", Optional.of("order"), List.of(),
            Set.of(), Map.of(), false);
    private static final Route USERS = new Route("users", "user", Optional.of("user"),
            List.of(Glob.of("user.signed-up"), Glob.of("user.account-*")), Set.of(), Map.of(), false);
    private static final Route DEFAULT = new Route("default", "general", Optional.empty(), List.of(), Set.of(),
            Map.of(), false);

    private final Router router = new Router(List.of(REFUNDS, VIP, CRITICAL, ORDERS, USERS), Optional.of(DEFAULT));

    @ParameterizedTest(name = "{0} tier={1} -> {2}")
    @CsvSource({
            "ORDER_CREATED,        gold,   vip-orders",
            "ORDER_CREATED,        silver, orders",
            "ORDER_CREATED,        ,       orders",
            "ORDER_RETURNED,       gold,   refunds|vip-orders",
            "ORDER_RETURNED,       ,       refunds|critical",
            "ORDER_CANCELLED,      ,       orders",
            "USER_SIGNED_UP,       ,       users",
            "USER_ACCOUNT_DELETED, ,       users",
            "USER_PROFILE_UPDATED, ,       default",
            "USER_REVIEW_POSTED,   gold,   default",
    })
    void routesInOrderFirstMatchWinsUnlessItContinues(EventType type, String tier, String expected) {
        ObjectNode data = JsonNodeFactory.instance.objectNode();
        if (tier != null) {
            data.putObject("customer").put("tier", tier);
        }
        CloudEvent event = CloudEvent.of(type, "1", data);

        assertThat(router.routesFor(event)).extracting(Route::name).containsExactly(expected.split("\\|"));
    }

    @Test
    void withoutADefaultRouteNothingMatches() {
        Router strict = new Router(List.of(ORDERS), Optional.empty());
        CloudEvent event = CloudEvent.of(EventType.USER_SIGNED_UP, "1", JsonNodeFactory.instance.objectNode());

        assertThat(strict.routesFor(event)).isEmpty();
    }

    @ParameterizedTest
    @CsvSource({
            "order.*,        order.created,      true",
            "order.*,        user.signed-up,     false",
            "user.account-*, user.account-deleted, true",
            "user.?igned-up, user.signed-up,     true",
            "order.created,  order.createdX,     false",
            "a.b(c)+,        a.b(c)+,            true",
            "a\\Eb*,         a\\Ebc,             true",
    })
    void globsAreShellStyleAndQuoteEverythingElse(String glob, String value, boolean matches) {
        assertThat(Glob.of(glob).matches(value)).isEqualTo(matches);
    }

    @Test
    void anEmptyGlobIsRejected() {
        assertThatThrownBy(() -> Glob.of(" ")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void attributesAreReadByDottedPathAndOnlyAsScalars() {
        ObjectNode data = JsonNodeFactory.instance.objectNode();
        data.putObject("customer").put("tier", "gold").putArray("tags").add("x");
        data.put("total", 12.5);

        assertThat(attribute(data, "customer.tier")).isEqualTo("gold");
        assertThat(attribute(data, "total")).isEqualTo("12.5");
        assertThat(attribute(data, "customer.tags")).isNull();
        assertThat(attribute(data, "customer.missing")).isNull();
        assertThat(attribute(data, "total.deeper")).isNull();
    }

    private static String attribute(ObjectNode data, String path) {
        return AttributePath.of(path).valueIn(data);
    }
}
