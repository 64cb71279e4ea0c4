package dev.mssn.viewer;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** The viewer is an example of the public API: it reaches nothing of the library outside the package dev.mssn. */
class ViewerArchitectureTest {

    private static final JavaClasses VIEWER = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPackages("dev.mssn.viewer");

    @Test
    void onlyThePublicApiIsUsed() {
        noClasses().that().resideInAPackage("dev.mssn.viewer")
                .should().dependOnClassesThat(com.tngtech.archunit.base.DescribedPredicate.describe("library internals",
                        c -> c.getPackageName().startsWith("dev.mssn.") && !c.getPackageName().equals("dev.mssn.viewer")))
                .check(VIEWER);
    }
}
