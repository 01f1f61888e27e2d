package org.mtl4j.kernel;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.mtl4j.annotation.Internal;

/**
 * Orders and trims completion candidates. The names of mtl4j's own public API (the static
 * factories of {@code Mtl4j} and {@link Notebook}, and the methods of every mtl4j type reachable
 * from them, such as the model builder's) come first, the rest keep JShell's order. Noise is left
 * out unless nothing else matches the typed prefix: {@code Object}'s {@code equals}, {@code
 * hashCode}, {@code getClass}, {@code wait}, {@code notify} and {@code notifyAll} ({@code toString}
 * stays), and the internal accessors in {@link #INTERNAL} (the kernel's renderers read them; a
 * notebook has no use for them).
 *
 * <p>Example: after {@code multiTask().} the candidates are the builder's methods, without {@code
 * spec(}, {@code equals(} or {@code wait(}.
 */
final class CompletionRanking {

    /** Object's methods a notebook hardly ever calls. */
    static final Set<String> OBJECT_NOISE =
            Set.of("equals", "hashCode", "getClass", "wait", "notify", "notifyAll");

    /** Public mtl4j methods that are internals of the kernel's renderers. */
    static final Set<String> INTERNAL = Set.of("spec");

    private static volatile Set<String> apiNames;

    private CompletionRanking() {}

    /** {@code candidates} (JShell's continuations, e.g. {@code "dense("}) ranked and trimmed. */
    static List<String> rank(List<String> candidates) {
        List<String> kept = new ArrayList<>();
        for (String candidate : candidates) {
            String name = nameOf(candidate);
            if (!OBJECT_NOISE.contains(name) && !INTERNAL.contains(name)) {
                kept.add(candidate);
            }
        }
        if (kept.isEmpty()) {
            kept.addAll(candidates);
        }
        Set<String> api = apiNames();
        kept.sort(Comparator.comparing(candidate -> api.contains(nameOf(candidate)) ? 0 : 1));
        return kept;
    }

    private static String nameOf(String candidate) {
        int paren = candidate.indexOf('(');
        return paren < 0 ? candidate : candidate.substring(0, paren);
    }

    /**
     * Names of mtl4j's public methods and types reachable from the notebook's static imports,
     * without those marked {@link Internal}.
     */
    static Set<String> apiNames() {
        Set<String> names = apiNames;
        if (names == null) {
            names = collect(List.of(org.mtl4j.Mtl4j.class, Notebook.class));
            apiNames = names;
        }
        return names;
    }

    private static Set<String> collect(List<Class<?>> roots) {
        Set<String> names = new HashSet<>();
        Set<Class<?>> seen = new HashSet<>();
        Deque<Class<?>> pending = new ArrayDeque<>(roots);
        while (!pending.isEmpty()) {
            Class<?> type = pending.pop();
            if (!seen.add(type)) {
                continue;
            }
            names.add(type.getSimpleName());
            for (Method method : type.getMethods()) {
                if (method.getDeclaringClass() == Object.class
                        || method.isAnnotationPresent(Internal.class)) {
                    continue;
                }
                names.add(method.getName());
                Class<?> returned = method.getReturnType();
                if (Modifier.isPublic(returned.getModifiers()) && isMtl4j(returned)
                        && !returned.isAnnotationPresent(Internal.class)) {
                    pending.push(returned);
                }
            }
        }
        return names;
    }

    private static boolean isMtl4j(Class<?> type) {
        return type.getName().startsWith("org.mtl4j.") && !type.isArray();
    }
}
