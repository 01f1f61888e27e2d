package org.mtl4j;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDArray;
import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaMethodCall;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * kernel-ext's packages: no cycles (kernel.display and kernel.sockets below kernel, cli above
 * it), no PyTorch and no tensor op with a Java number (the dsl's engine package does that), and a
 * {@code package-info.java} in each.
 */
class KernelPackagesTest {

    private static final JavaClasses MAIN =
            new ClassFileImporter().importPath(Path.of("target", "classes"));

    @Test
    void packagesHaveNoCycles() {
        assertThat(packages()).contains("org.mtl4j.kernel", "org.mtl4j.kernel.display",
                "org.mtl4j.kernel.sockets", "org.mtl4j.cli");
        slices().matching("org.mtl4j.(**)").should().beFreeOfCycles().check(MAIN);
    }

    @Test
    void theDisplayPackageDoesNotDependOnTheKernel() {
        noClasses().that().resideInAPackage("org.mtl4j.kernel.display..")
                .should().dependOnClassesThat().resideInAPackage("org.mtl4j.kernel")
                .check(MAIN);
    }

    @Test
    void noPyTorchAndNoNumberOperands() {
        noClasses().should().dependOnClassesThat().resideInAPackage("ai.djl.pytorch..")
                .check(MAIN);
        noClasses().should().callMethodWhere(DescribedPredicate.describe(
                "an NDArray op with a java.lang.Number operand", (JavaMethodCall call) ->
                        call.getTargetOwner().isAssignableTo(NDArray.class)
                                && call.getTarget().getRawParameterTypes().stream()
                                        .anyMatch(type -> type.isEquivalentTo(Number.class))))
                .check(MAIN);
    }

    @Test
    void everyPackageHasAPackageInfo() {
        List<String> missing = packages().stream()
                .filter(p -> !Files.exists(Path.of("src", "main", "java")
                        .resolve(p.replace('.', '/')).resolve("package-info.java")))
                .toList();
        assertThat(missing).as("packages without package-info.java").isEmpty();
    }

    private static TreeSet<String> packages() {
        TreeSet<String> packages = new TreeSet<>();
        for (JavaClass type : MAIN) {
            packages.add(type.getPackageName());
        }
        return packages;
    }
}
