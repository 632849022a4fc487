package io.eventmonitoring.testing;

import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;

/**
 * The check every module runs on its own main code: each package is a slice, and no two packages may depend on
 * each other through any chain of imports. A module whose packages form a knot cannot be changed one package at a
 * time.
 */
public final class PackageCycles {

    private PackageCycles() {
    }

    /** Fails, naming the packages and the classes that tie them, when the packages under {@code root} form a cycle. */
    public static void assertNone(String root) {
        JavaClasses classes = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages(root);
        check(root, classes);
    }

    static void check(String root, JavaClasses classes) {
        if (classes.isEmpty()) {
            throw new AssertionError("no classes found under " + root);
        }
        // Matched from the parent so that the root package itself is a slice too.
        String parent = root.substring(0, root.lastIndexOf('.'));
        slices().matching(parent + ".(**)").namingSlices("$1")
                .should().beFreeOfCycles()
                .check(classes);
    }
}
