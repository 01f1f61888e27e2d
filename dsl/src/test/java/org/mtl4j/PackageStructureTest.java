package org.mtl4j;

import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * The dsl's packages: no cycles between them, and each says its role in a {@code
 * package-info.java}.
 */
class PackageStructureTest {

    private static final JavaClasses MAIN = ModuleClasses.main();

    @Test
    void topLevelPackagesHaveNoCycles() {
        // org.mtl4j.train.control belongs to train's slice: its options configure the loop
        slices().matching("org.mtl4j.(*)..").should().beFreeOfCycles().check(MAIN);
    }

    @Test
    void specPackagesHaveNoCycles() {
        slices().matching("org.mtl4j.spec.(*)..").should().beFreeOfCycles().check(MAIN);
        assertThat(packages()).contains("org.mtl4j.spec.inputs", "org.mtl4j.spec.layers",
                "org.mtl4j.spec.losses", "org.mtl4j.spec.metrics", "org.mtl4j.spec.sharing");
    }

    @Test
    void theSpecRootDependsOnNoSpecPart() {
        // the parts (inputs, layers, losses, metrics, sharing) stand alone; ModelSpec and
        // TaskSpec put them together
        com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses()
                .that().resideInAPackage("org.mtl4j.spec.*")
                .should().dependOnClassesThat().resideInAPackage("org.mtl4j.spec")
                .check(MAIN);
    }

    @Test
    void everyPackageHasAPackageInfo() {
        List<String> missing = packages().stream()
                .filter(p -> !Files.exists(sourceFolder().resolve(p.replace('.', '/'))
                        .resolve("package-info.java")))
                .toList();
        assertThat(missing).as("packages without package-info.java").isEmpty();
    }

    static Path sourceFolder() {
        return Path.of("src", "main", "java");
    }

    private static TreeSet<String> packages() {
        TreeSet<String> packages = new TreeSet<>();
        for (JavaClass type : MAIN) {
            packages.add(type.getPackageName());
        }
        return packages;
    }
}
