package dev.mssn;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

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

    @Test
    void packagesAreFreeOfCycles() {
        slices().matching("dev.(**)").should().beFreeOfCycles().check(MAIN);
    }

    /** OpenCL in layers: runtime <- ops <- tuning <- network, profiling beside on the runtime. */
    @Test
    void openClIsLayered() {
        String root = "dev.mssn.engine.opencl.";
        layeredArchitecture().consideringOnlyDependenciesInLayers()
                .layer("binding").definedBy(root + "binding..")
                .layer("runtime").definedBy(root + "runtime..")
                .layer("ops").definedBy(root + "ops..")
                .layer("tuning").definedBy(root + "tuning..")
                .layer("network").definedBy(root + "network..")
                .layer("profiling").definedBy(root + "profiling..")
                .layer("outside").definedBy("dev.mssn", "dev.mssn.engine", "dev.mssn.spark..", "dev.mssn.cli..")
                .whereLayer("network").mayOnlyBeAccessedByLayers("outside")
                .whereLayer("tuning").mayOnlyBeAccessedByLayers("network", "outside")
                .whereLayer("ops").mayOnlyBeAccessedByLayers("tuning", "network", "outside")
                .whereLayer("profiling").mayOnlyBeAccessedByLayers("outside")
                .whereLayer("runtime").mayOnlyBeAccessedByLayers("ops", "tuning", "network", "profiling", "outside")
                .check(MAIN);
    }

    /** What applications see (public members of dev.mssn's public types) speaks only of dev.mssn and the JDK. */
    @Test
    void theApiExposesOnlyItsOwnTypesAndTheJdks() {
        java.util.List<String> leaks = new java.util.ArrayList<>();
        for (com.tngtech.archunit.core.domain.JavaClass c : MAIN) {
            if (!c.getPackageName().equals("dev.mssn") || !c.getModifiers().contains(com.tngtech.archunit.core.domain.JavaModifier.PUBLIC)) {
                continue;
            }
            for (com.tngtech.archunit.core.domain.JavaCodeUnit m : c.getCodeUnits()) {
                if (!m.getModifiers().contains(com.tngtech.archunit.core.domain.JavaModifier.PUBLIC)
                        && !m.getModifiers().contains(com.tngtech.archunit.core.domain.JavaModifier.PROTECTED)) {
                    continue;
                }
                java.util.List<com.tngtech.archunit.core.domain.JavaClass> types = new java.util.ArrayList<>(m.getRawParameterTypes());
                types.add(m.getRawReturnType());
                types.addAll(m.getExceptionTypes());
                for (com.tngtech.archunit.core.domain.JavaClass t : types) {
                    com.tngtech.archunit.core.domain.JavaClass base = t.isArray() ? t.getBaseComponentType() : t;
                    String pkg = base.getPackageName();
                    if (!base.isPrimitive() && !pkg.equals("dev.mssn") && !pkg.startsWith("java.")) {
                        leaks.add(m.getFullName() + " uses " + base.getName());
                    }
                }
            }
        }
        org.junit.jupiter.api.Assertions.assertEquals(java.util.List.of(), leaks);
    }
}
