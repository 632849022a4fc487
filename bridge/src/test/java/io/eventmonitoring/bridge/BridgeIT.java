package io.eventmonitoring.bridge;

import io.quarkus.test.junit.QuarkusIntegrationTest;

/** The same routing, delivery and dead-letter behaviour, against the packaged bridge (or its native executable). */
@QuarkusIntegrationTest
class BridgeIT extends BridgeTest {
}
