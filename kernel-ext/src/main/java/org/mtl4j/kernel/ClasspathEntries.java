package org.mtl4j.kernel;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Expands {@code %classpath} arguments: each may hold several entries separated by the path
 * separator, and an entry whose file name has {@code *} or {@code ?} matches the jars of its
 * folder ({@code lib/*.jar}).
 *
 * <p>Example: {@code ClasspathEntries.expand(List.of("lib/*.jar:classes"))}
 */
final class ClasspathEntries {

    private ClasspathEntries() {}

    static List<String> expand(List<String> args) {
        List<String> entries = new ArrayList<>();
        for (String arg : args) {
            for (String entry : arg.split(File.pathSeparator)) {
                if (!entry.isBlank()) {
                    entries.addAll(expandOne(entry));
                }
            }
        }
        return entries;
    }

    private static List<String> expandOne(String entry) {
        Path path = Path.of(entry).toAbsolutePath().normalize();
        String name = path.getFileName().toString();
        if (!name.contains("*") && !name.contains("?")) {
            if (!Files.exists(path)) {
                throw new IllegalArgumentException(
                        "%classpath: '" + entry + "' does not exist (looked at " + path
                                + "). Give a jar, a class folder or a glob such as lib/*.jar.");
            }
            return List.of(path.toString());
        }
        PathMatcher matcher = FileSystems.getDefault().getPathMatcher("glob:" + name);
        try (Stream<Path> files = Files.list(path.getParent())) {
            List<String> matches = files.filter(f -> matcher.matches(f.getFileName()))
                    .map(Path::toString).sorted().toList();
            if (matches.isEmpty()) {
                throw new IllegalArgumentException(
                        "%classpath: '" + entry + "' matches no file in " + path.getParent()
                                + ". Check the folder and the pattern.");
            }
            return matches;
        } catch (IOException e) {
            throw new UncheckedIOException("%classpath: cannot list " + path.getParent(), e);
        }
    }
}
