package org.mtl4j;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * This module's main classes for the architecture tests: what {@code target/classes} holds (tests
 * run in the module's folder), without the other modules' classes on the test class path.
 *
 * <p>Example: {@code EngineRules.noNumberOperands().check(ModuleClasses.main())}
 */
public final class ModuleClasses {

    private static JavaClasses main;

    private ModuleClasses() {}

    /** The main classes, imported once. */
    public static synchronized JavaClasses main() {
        if (main == null) {
            Path classes = Path.of("target", "classes");
            if (!Files.isDirectory(classes.resolve("org/mtl4j"))) {
                throw new IllegalStateException("No compiled classes under "
                        + classes.toAbsolutePath() + ". Run the tests from the module's folder.");
            }
            main = new ClassFileImporter().importPath(classes);
        }
        return main;
    }
}
