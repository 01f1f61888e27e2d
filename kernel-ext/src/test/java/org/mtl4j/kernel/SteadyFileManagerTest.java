package org.mtl4j.kernel;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.StandardLocation;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SteadyFileManagerTest {

    @Test
    void passesMultiReleaseOnOnlyWhenItsValueChanges() throws Exception {
        List<String> seen = new ArrayList<>();
        StandardJavaFileManager jdk =
                ToolProvider.getSystemJavaCompiler().getStandardFileManager(null, null, null);
        try (SteadyFileManager steady = new SteadyFileManager(recording(jdk, seen))) {
            assertThat(steady.handleOption("--multi-release", List.of("17").iterator())).isTrue();
            assertThat(steady.handleOption("--multi-release", List.of("17").iterator())).isTrue();
            assertThat(steady.handleOption("--multi-release", List.of("21").iterator())).isTrue();
            assertThat(steady.handleOption("--multi-release", List.of("21").iterator())).isTrue();
        }
        assertThat(seen).containsExactly("--multi-release 17", "--multi-release 21");
    }

    @Test
    void seesAClassAddedToTheClassPathAfterTheFirstListing(@TempDir Path dir) throws Exception {
        StandardJavaFileManager jdk =
                ToolProvider.getSystemJavaCompiler().getStandardFileManager(null, null, null);
        try (SteadyFileManager steady = new SteadyFileManager(jdk)) {
            Path classes = Files.createDirectories(dir.resolve("p"));
            steady.handleOption("-classpath", List.of(dir.toString()).iterator());
            steady.handleOption("--multi-release", List.of("17").iterator());
            assertThat(listed(steady)).isEmpty();
            Files.write(classes.resolve("A.class"), new byte[] {(byte) 0xCA, (byte) 0xFE});
            Path other = Files.createDirectories(dir.resolve("more/p"));
            Files.write(other.resolve("B.class"), new byte[] {(byte) 0xCA, (byte) 0xFE});
            steady.handleOption("-classpath",
                    List.of(dir + File.pathSeparator + dir.resolve("more")).iterator());
            steady.handleOption("--multi-release", List.of("17").iterator());
            assertThat(listed(steady)).containsExactlyInAnyOrder("A", "B");
        }
    }

    private static List<String> listed(SteadyFileManager manager) throws Exception {
        List<String> names = new ArrayList<>();
        for (JavaFileObject file : manager.list(StandardLocation.CLASS_PATH, "p",
                java.util.Set.of(JavaFileObject.Kind.CLASS), false)) {
            names.add(manager.inferBinaryName(StandardLocation.CLASS_PATH, file)
                    .replace("p.", ""));
        }
        return names;
    }

    /** The JDK's manager, recording every option that reaches it. */
    private static StandardJavaFileManager recording(StandardJavaFileManager jdk,
            List<String> seen) {
        return (StandardJavaFileManager) java.lang.reflect.Proxy.newProxyInstance(
                SteadyFileManagerTest.class.getClassLoader(),
                new Class<?>[] {StandardJavaFileManager.class}, (proxy, method, args) -> {
                    if (method.getName().equals("handleOption")) {
                        String value = ((Iterator<?>) args[1]).next().toString();
                        seen.add(args[0] + " " + value);
                        args = new Object[] {args[0], List.of(value).iterator()};
                    }
                    return method.invoke(jdk, args);
                });
    }
}
