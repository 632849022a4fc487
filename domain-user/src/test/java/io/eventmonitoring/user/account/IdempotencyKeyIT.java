package io.eventmonitoring.user.account;

import io.quarkus.test.junit.QuarkusIntegrationTest;

/** The same checks against the packaged application. */
@QuarkusIntegrationTest
class IdempotencyKeyIT extends IdempotencyKeyTest {
}
