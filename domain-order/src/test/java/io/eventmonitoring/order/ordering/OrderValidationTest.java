package io.eventmonitoring.order.ordering;

import io.eventmonitoring.command.testing.BadInput;
import io.eventmonitoring.testing.BusinessEvents;
import io.eventmonitoring.testing.KafkaClusterResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;
import java.util.UUID;

import static io.eventmonitoring.command.testing.BadInput.delete;
import static io.eventmonitoring.command.testing.BadInput.post;
import static org.assertj.core.api.Assertions.assertThat;

@QuarkusTest
@WithTestResource(KafkaClusterResource.class)
class OrderValidationTest {

    private static final String ID = UUID.randomUUID().toString();
    private static final String ITEM = "{\"sku\":\"KB-1\",\"quantity\":1,\"unitPrice\":9.99}";
    private static final String ORDER = "{\"customerId\":\"" + ID + "\",\"currency\":\"EUR\",\"items\":[" + ITEM + "]}";
    private static final String RETURN = "{\"reason\":\"damaged\",\"refundAmount\":9.99,\"currency\":\"EUR\"}";
    private static int eventsBefore;

    static List<BadInput> badInputs() {
        return List.of(
                post("malformed JSON", "/orders", "{\"customerId\":\"" + ID + "\",").answers(400, "body"),
                post("customer id with a space", "/orders", ORDER.replace(ID, "customer 7")).answers(400, "customerId"),
                post("customer id as a number", "/orders", ORDER.replace("\"" + ID + "\"", "7")).answers(400, "customerId"),
                post("no items", "/orders", ORDER.replace(ITEM, "")).answers(400, "items"),
                post("items not an array", "/orders", ORDER.replace("[" + ITEM + "]", ITEM)).answers(400, "items"),
                post("null item", "/orders", ORDER.replace(ITEM, ITEM + ",null")).answers(400, "items[1]"),
                post("second item without quantity", "/orders", ORDER.replace(ITEM, ITEM + ",{\"sku\":\"A\",\"unitPrice\":1}"))
                        .answers(400, "items[1].quantity"),
                post("quantity as a string", "/orders", ORDER.replace("\"quantity\":1", "\"quantity\":\"1\""))
                        .answers(400, "items[0].quantity"),
                post("quantity zero and negative price", "/orders",
                        ORDER.replace("\"quantity\":1,\"unitPrice\":9.99", "\"quantity\":0,\"unitPrice\":-1"))
                        .answers(400, "items[0].quantity", "items[0].unitPrice"),
                post("price with three decimals", "/orders", ORDER.replace("9.99", "9.999")).answers(400, "items[0].unitPrice"),
                post("currency in lower case", "/orders", ORDER.replace("EUR", "eur")).answers(400, "currency"),
                post("101 items", "/orders", ORDER.replace(ITEM, String.join(",", java.util.Collections.nCopies(101, ITEM))))
                        .answers(400, "items"),
                post("unknown field in an item", "/orders", ORDER.replace("\"sku\"", "\"discount\":5,\"sku\""))
                        .answers(400, "items[0].discount"),
                post("body over 64K", "/orders", ORDER.replace(ITEM, String.join(",", java.util.Collections.nCopies(2000, ITEM))))
                        .answers(413, "body"),
                post("add item to a bad order id", "/orders/order-1/items", ITEM).answers(404, "orderId"),
                post("add item with a bad sku", "/orders/" + ID + "/items", ITEM.replace("KB-1", "KB/1")).answers(400, "sku"),
                post("add item of quantity 1001", "/orders/" + ID + "/items", ITEM.replace("\"quantity\":1", "\"quantity\":1001"))
                        .answers(400, "quantity"),
                delete("remove item from a bad order id", "/orders/123/items/KB-1").answers(404, "orderId"),
                delete("remove an item whose sku cannot exist", "/orders/" + ID + "/items/" + "K".repeat(65)).answers(404, "sku"),
                post("cancel without a reason", "/orders/" + ID + "/cancellation", "{}").answers(400, "reason"),
                post("cancel with a blank reason", "/orders/" + ID + "/cancellation", "{\"reason\":\"  \"}").answers(400, "reason"),
                post("cancel a nil order id", "/orders/00000000-0000-0000-0000-000000000000/cancellation", "{\"reason\":\"x\"}")
                        .answers(404, "orderId"),
                post("return with a zero refund", "/orders/" + ID + "/return", RETURN.replace("9.99", "0")).answers(400, "refundAmount"),
                post("return with the refund as text", "/orders/" + ID + "/return", RETURN.replace("9.99", "\"9.99\""))
                        .answers(400, "refundAmount"),
                post("return without currency and reason", "/orders/" + ID + "/return", "{\"refundAmount\":1}")
                        .answers(400, "currency", "reason"),
                post("return of a bad item", "/orders/" + ID + "/return",
                        RETURN.replace("}", ",\"items\":[{\"sku\":\"A\",\"quantity\":-2}]}")).answers(400, "items[0].quantity"));
    }

    @BeforeAll
    static void countEvents() {
        eventsBefore = BusinessEvents.byId().size();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badInputs")
    void badInputIsAProblemNamingEachField(BadInput input) {
        input.assertAnswered();
    }

    @AfterAll
    static void noEventForARejectedCommand() {
        assertThat(BusinessEvents.byId()).hasSize(eventsBefore);
    }
}
