package io.eventmonitoring.bench;

import io.eventmonitoring.testing.PackageCycles;
import org.junit.jupiter.api.Test;

class PackageCyclesTest {

    @Test
    void packagesHaveNoCycles() {
        PackageCycles.assertNone("io.eventmonitoring.bench");
    }
}
