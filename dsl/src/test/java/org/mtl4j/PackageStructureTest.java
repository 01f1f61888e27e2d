package org.mtl4j;

import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import java.lang.reflect.GenericArrayType;
import java.lang.reflect.Method;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.mtl4j.annotation.Internal;

/**
 * The dsl's packages: no cycles between them, each says its role in a {@code package-info.java},
 * and the DSL's public surface exposes nothing marked {@link Internal}.
 */
class PackageStructureTest {

    private static final JavaClasses MAIN = ModuleClasses.main();

    @Test
    void topLevelPackagesHaveNoCycles() {
        slices().matching("org.mtl4j.(*)..").should().beFreeOfCycles().check(MAIN);
    }

    @Test
    void noPackageCycles() {
        // every package is its own slice, with no exception
        slices().matching("org.mtl4j.(**)").should().beFreeOfCycles().check(MAIN);
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

    @Test
    void theDslSurfaceExposesNoInternalType() {
        // GIVEN what notebooks call: Mtl4j's factories, the builders and MultiTaskModel
        List<String> leaks = new java.util.ArrayList<>();
        for (Class<?> api : List.of(Mtl4j.class, ModelBuilder.class, TaskBuilder.class,
                ExpertsBuilder.class, MultiTaskModel.class)) {
            for (Method method : api.getMethods()) {
                if (method.getDeclaringClass() == Object.class
                        || method.isAnnotationPresent(Internal.class)) {
                    continue;
                }
                // WHEN its signature names a type
                List<Type> types = new java.util.ArrayList<>(
                        List.of(method.getGenericParameterTypes()));
                types.add(method.getGenericReturnType());
                for (Type type : types) {
                    // THEN that type is not internal (unless the method itself is marked)
                    rawTypes(type).stream().filter(PackageStructureTest::internal).forEach(
                            t -> leaks.add(api.getSimpleName() + "." + method.getName() + ": "
                                    + t.getName()));
                }
            }
        }
        assertThat(leaks).as("public DSL methods that expose internal types").isEmpty();
    }

    @Test
    void internalMarksAreSeen() {
        assertThat(internal(org.mtl4j.engine.Scalars.class)).isTrue();
        assertThat(internal(org.mtl4j.model.ModelParts.class)).isTrue();
        assertThat(internal(org.mtl4j.train.FitSettings.Builder.class)).isTrue();
        assertThat(internal(org.mtl4j.train.FitSettings.class)).isFalse();
        assertThat(internal(org.mtl4j.spec.layers.Dense.class)).isFalse();
    }

    private static boolean internal(Class<?> type) {
        return type.isAnnotationPresent(Internal.class)
                || (type.getPackage() != null
                        && type.getPackage().isAnnotationPresent(Internal.class));
    }

    private static List<Class<?>> rawTypes(Type type) {
        List<Class<?>> raw = new java.util.ArrayList<>();
        if (type instanceof Class<?> c) {
            raw.add(c.isArray() ? c.getComponentType() : c);
        } else if (type instanceof ParameterizedType p) {
            raw.addAll(rawTypes(p.getRawType()));
            for (Type argument : p.getActualTypeArguments()) {
                raw.addAll(rawTypes(argument));
            }
        } else if (type instanceof GenericArrayType a) {
            raw.addAll(rawTypes(a.getGenericComponentType()));
        }
        return raw;
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
