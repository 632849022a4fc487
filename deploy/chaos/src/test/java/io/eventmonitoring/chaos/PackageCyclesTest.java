package io.eventmonitoring.chaos;

import io.eventmonitoring.testing.PackageCycles;
import org.junit.jupiter.api.Test;

class PackageCyclesTest {

    @Test
    void packagesHaveNoCycles() {
        PackageCycles.assertNone("io.eventmonitoring.chaos");
    }
}
