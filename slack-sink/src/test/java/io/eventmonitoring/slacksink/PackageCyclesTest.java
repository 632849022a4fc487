package io.eventmonitoring.slacksink;

import io.eventmonitoring.testing.PackageCycles;
import org.junit.jupiter.api.Test;

class PackageCyclesTest {

    @Test
    void packagesHaveNoCycles() {
        PackageCycles.assertNone("io.eventmonitoring.slacksink");
    }
}
