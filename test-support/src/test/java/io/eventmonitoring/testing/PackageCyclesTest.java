package io.eventmonitoring.testing;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import org.junit.jupiter.api.Test;

class PackageCyclesTest {

    @Test
    void testSupportAndEventsHaveNoPackageCycles() {
        PackageCycles.assertNone("io.eventmonitoring.testing");
        PackageCycles.assertNone("io.eventmonitoring.events");
    }

    @Test
    void aCycleBetweenTwoPackagesFails() {
        String root = "io.eventmonitoring.testing.cyclefixture";
        JavaClasses fixture = new ClassFileImporter().importPackages(root);
        assertThatThrownBy(() -> PackageCycles.check(root, fixture))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("Cycle detected");
    }
}
