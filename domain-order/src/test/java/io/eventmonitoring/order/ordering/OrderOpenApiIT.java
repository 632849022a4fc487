package io.eventmonitoring.order.ordering;

import io.quarkus.test.junit.QuarkusIntegrationTest;

/** The same checks against the packaged application. */
@QuarkusIntegrationTest
class OrderOpenApiIT extends OrderOpenApiTest {
}
