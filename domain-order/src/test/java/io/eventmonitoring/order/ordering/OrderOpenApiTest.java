package io.eventmonitoring.order.ordering;

import io.eventmonitoring.command.testing.OpenApiCheck;
import io.eventmonitoring.testing.KafkaClusterResource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.util.List;

@QuarkusTest
@WithTestResource(KafkaClusterResource.class)
class OrderOpenApiTest {

    @Test
    void everyEndpointAndErrorIsDocumented() throws Exception {
        OpenApiCheck.assertDocuments(List.of(
                "POST /orders",
                "POST /orders/{orderId}/items",
                "DELETE /orders/{orderId}/items/{sku}",
                "POST /orders/{orderId}/cancellation",
                "POST /orders/{orderId}/return"));
    }

    @Test
    void liveReadyAndMeasured() {
        OpenApiCheck.assertOperable();
    }
}
