package org.mtl4j.kernel;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import jdk.jshell.ImportSnippet;
import jdk.jshell.MethodSnippet;
import jdk.jshell.Snippet;
import jdk.jshell.SourceCodeAnalysis;

/**
 * Keeps a method that a cell declares from hiding the methods of the same name that the cells'
 * static on-demand imports bring in ({@code import static org.mtl4j.Mtl4j.*} gives {@code auc()},
 * {@code dense(...)}, …).
 *
 * <p>In Java a method declared in scope hides every statically imported method of its name, not
 * only the one with its parameters. In JShell a cell's {@code double auc(double[] s, int[] y)}
 * would make every earlier cell that calls the DSL's {@code auc()} stop compiling, and JShell
 * drops the variables those cells defined. So before such a declaration the evaluator imports the
 * name singly ({@code import static org.mtl4j.Mtl4j.auc;}): single static imports overload with
 * the cell's method, and both stay callable. A method with the very parameters of an imported one
 * would make every call ambiguous (and lose the same variables): it is refused, with the fix.
 *
 * <p>Example: {@code overloads.importsBefore("double auc(double[] s) { return 0; }")} gives
 * {@code ["import static org.mtl4j.Mtl4j.auc;"]} while {@code org.mtl4j.Mtl4j.*} is imported
 * statically on demand.
 */
final class StaticImportOverloads {

    /**
     * Something before the name that may be a method's declared type: a word then space, or the
     * end of an array or generic type ({@code double[]auc(}, {@code List<X>auc(}).
     */
    private static final Pattern MAYBE_DECLARATION = Pattern.compile(
            "(?:[\\w>\\]]\\s+|[>\\]])(\\w+)\\s*\\(");

    private final SourceCodeAnalysis analysis;
    private final ClassLoader loader;
    private final Map<String, Map<String, List<Method>>> methodsByClass =
            new ConcurrentHashMap<>();

    StaticImportOverloads(SourceCodeAnalysis analysis, ClassLoader loader) {
        this.analysis = analysis;
        this.loader = loader;
    }

    /**
     * The single static imports to evaluate before {@code source} (none for most snippets).
     *
     * @param imports the shell's active imports
     * @throws CompilationException for a method with the parameters of an imported one
     */
    List<String> importsBefore(String source, List<ImportSnippet> imports) {
        List<String> onDemand = new ArrayList<>();
        Set<String> single = new java.util.HashSet<>();
        for (ImportSnippet snippet : imports) {
            if (snippet.isStatic() && snippet.fullname().endsWith(".*")) {
                onDemand.add(snippet.fullname().substring(0, snippet.fullname().length() - 2));
            } else if (snippet.isStatic()) {
                single.add(snippet.fullname());
            }
        }
        if (onDemand.isEmpty() || !mayDeclareImportedName(source, onDemand)) {
            return List.of();
        }
        List<String> wanted = new ArrayList<>();
        for (Snippet snippet : analysis.sourceToSnippets(source)) {
            if (!(snippet instanceof MethodSnippet method)) {
                continue;
            }
            for (String owner : onDemand) {
                List<Method> imported = methods(owner).getOrDefault(method.name(), List.of());
                for (Method clash : imported) {
                    if (sameParameters(method.parameterTypes(), clash)) {
                        throw refusal(method, owner, clash);
                    }
                }
                String line = owner + "." + method.name();
                if (!imported.isEmpty() && !single.contains(line)) {
                    wanted.add("import static " + line + ";");
                    single.add(line);
                }
            }
        }
        return wanted;
    }

    /** A cheap test before parsing: a word, space and an imported method's name then '('. */
    private boolean mayDeclareImportedName(String source, List<String> owners) {
        var matcher = MAYBE_DECLARATION.matcher(source);
        while (matcher.find()) {
            String name = matcher.group(1);
            for (String owner : owners) {
                if (methods(owner).containsKey(name)) {
                    return true;
                }
            }
        }
        return false;
    }

    /** The public static methods of {@code owner} by name (none when it cannot be loaded). */
    private Map<String, List<Method>> methods(String owner) {
        return methodsByClass.computeIfAbsent(owner, name -> {
            try {
                return Arrays.stream(Class.forName(name, false, loader).getMethods())
                        .filter(m -> Modifier.isStatic(m.getModifiers()))
                        .collect(Collectors.groupingBy(Method::getName));
            } catch (ClassNotFoundException | LinkageError e) {
                return Map.of(); // a class of a jar added later, or not a class: nothing to keep
            }
        });
    }

    /** Whether the declared parameter types (as written) are {@code method}'s, by simple name. */
    static boolean sameParameters(String declared, Method method) {
        List<String> written = declared.isBlank() ? List.of() : splitTopLevel(declared);
        Class<?>[] types = method.getParameterTypes();
        if (written.size() != types.length) {
            return false;
        }
        for (int i = 0; i < types.length; i++) {
            if (!simpleName(written.get(i)).equals(types[i].getSimpleName())) {
                return false;
            }
        }
        return true;
    }

    /** {@code java.util.List<String>} gives {@code List}; {@code double...} gives {@code double[]}. */
    private static String simpleName(String written) {
        String type = written.replaceAll("<.*>", "").replace("...", "[]").replace(" ", "");
        int dimensions = type.indexOf('[');
        String base = dimensions < 0 ? type : type.substring(0, dimensions);
        String suffix = dimensions < 0 ? "" : type.substring(dimensions);
        return base.substring(base.lastIndexOf('.') + 1) + suffix;
    }

    /** Splits {@code "Map<String,Integer>,int"} at the commas outside angle brackets. */
    private static List<String> splitTopLevel(String types) {
        List<String> parts = new ArrayList<>();
        int depth = 0;
        int start = 0;
        for (int i = 0; i < types.length(); i++) {
            char c = types.charAt(i);
            depth += c == '<' ? 1 : c == '>' ? -1 : 0;
            if (c == ',' && depth == 0) {
                parts.add(types.substring(start, i).trim());
                start = i + 1;
            }
        }
        parts.add(types.substring(start).trim());
        return parts;
    }

    private static CompilationException refusal(MethodSnippet method, String owner,
            Method clash) {
        String name = method.name();
        String declared = name + "(" + method.parameterTypes() + ")";
        return new CompilationException("Method " + declared + " has the parameters of "
                + clash.toGenericString() + ", imported by import static " + owner + ".*:"
                + " every call to " + name + "(...) would become ambiguous, and JShell would drop"
                + " the variables of earlier cells that call it. Received: " + declared + "."
                + " Give your method another name, e.g. my" + Character.toUpperCase(
                        name.charAt(0)) + name.substring(1) + "(...).");
    }
}
