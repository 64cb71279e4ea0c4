package dev.mssn;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** The package arrows of docs/architecture.md, one way only. */
class ArchitectureTest {

    private static final JavaClasses MAIN = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPackages("dev.mssn");

    @Test
    void modelAndImageImportNothingOfOurs() {
        noClasses().that().resideInAnyPackage("dev.mssn.model..", "dev.mssn.image..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.mssn", "dev.mssn.engine..", "dev.mssn.eval..",
                        "dev.mssn.tiling..")
                .check(MAIN);
        noClasses().that().resideInAPackage("dev.mssn.model..")
                .should().dependOnClassesThat().resideInAPackage("dev.mssn.image..").check(MAIN);
    }

    @Test
    void backendsDoNotKnowEachOther() {
        String[] backends = {"dev.mssn.engine.java..", "dev.mssn.engine.opencl..", "dev.mssn.engine.cpu.."};
        for (String backend : backends) {
            for (String other : backends) {
                if (!other.equals(backend)) {
                    noClasses().that().resideInAPackage(backend).should().dependOnClassesThat().resideInAPackage(other).check(MAIN);
                }
            }
        }
    }

    @Test
    void engineDoesNotReachUpwards() {
        noClasses().that().resideInAPackage("dev.mssn.engine..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.mssn", "dev.mssn.eval..", "dev.mssn.image..")
                .check(MAIN);
    }
}
