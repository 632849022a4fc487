package io.eventmonitoring.order.ordering;

import io.eventmonitoring.command.testing.CommandCheck;
import io.eventmonitoring.events.Severity;
import io.eventmonitoring.testing.KafkaClusterResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

@QuarkusTest
@WithTestResource(KafkaClusterResource.class)
class OrderCommandsTest {

    private static final String CUSTOMER = "6f1c2d9e-4b7a-4e8e-9f5d-2a1b3c4d5e6f";

    static List<CommandCheck> commands() {
        return List.of(
                CommandCheck.of("create order", "POST", "/orders", """
                                {"customerId":"%s","currency":"USD","items":[
                                  {"sku":"KB-MECH-01","quantity":2,"unitPrice":89.90},
                                  {"sku":"LAMP-LED-3","quantity":1,"unitPrice":34.90}]}""".formatted(CUSTOMER))
                        .emits("order.created", Severity.INFO)
                        .locatedAt("/orders/{id}")
                        .withData("/customerId", CUSTOMER)
                        .withData("/items/1/sku", "LAMP-LED-3")
                        .withData("/currency", "USD")
                        .withData("/total", "214.70"),
                CommandCheck.of("create order without currency", "POST", "/orders", """
                                {"customerId":"customer-42","items":[{"sku":"BOOK-1","quantity":2,"unitPrice":12.50}]}""")
                        .emits("order.created", Severity.INFO)
                        .locatedAt("/orders/{id}")
                        .withData("/customerId", "customer-42")
                        .withData("/currency", "EUR")
                        .withData("/total", "25.00"),
                CommandCheck.of("add item", "POST", "/orders/{id}/items", """
                                {"sku":"DOCK-USB-C","quantity":3,"unitPrice":159.99}""")
                        .emits("order.item-added", Severity.INFO)
                        .locatedAt("/orders/{id}/items/DOCK-USB-C")
                        .withData("/sku", "DOCK-USB-C")
                        .withData("/lineTotal", "479.97"),
                CommandCheck.of("remove item", "DELETE", "/orders/{id}/items/DOCK-USB-C", null)
                        .emits("order.item-removed", Severity.INFO)
                        .locatedAt("/orders/{id}")
                        .withData("/sku", "DOCK-USB-C"),
                CommandCheck.of("cancel", "POST", "/orders/{id}/cancellation", """
                                {"reason":"ordered by mistake"}""")
                        .emits("order.cancelled", Severity.WARNING)
                        .locatedAt("/orders/{id}")
                        .withData("/reason", "ordered by mistake"),
                CommandCheck.of("return for refund", "POST", "/orders/{id}/return", """
                                {"reason":"arrived damaged","refundAmount":89.90,"currency":"EUR",
                                 "items":[{"sku":"KB-MECH-01","quantity":1}]}""")
                        .emits("order.returned", Severity.CRITICAL)
                        .locatedAt("/orders/{id}")
                        .withData("/refundAmount", "89.90")
                        .withData("/items/0/sku", "KB-MECH-01"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("commands")
    void eachCommandIsOneKeyedCloudEventOnTheTopic(CommandCheck command) throws Exception {
        String orderId = UUID.randomUUID().toString();
        var recorded = command.assertRecorded(orderId, "order");
        if (!command.path().equals("/orders")) {
            assertThat(recorded.event().subject()).isEqualTo(orderId);
        }
    }
}
