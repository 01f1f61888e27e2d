package org.mtl4j.kernel;

import com.sun.source.util.JavacTask;
import java.net.URI;
import java.util.List;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.ToolProvider;

/**
 * Tells whether one JShell snippet has a syntax error before its end, with javac's parser (no
 * compilation, no class path). JShell's own completeness check only looks at brackets and
 * semicolons: it calls {@code 1 +* 2;} complete and <code>class {</code> incomplete. A snippet can be
 * an import, a declaration, a statement or an expression, so it is parsed in each of these places
 * in turn; it is valid if one of them parses with no error other than reaching the end of the
 * input (which only means "unfinished").
 *
 * <p>Example: {@code hasErrorBeforeEnd("for (int i = 0; i < 3; i++) {")} is false, {@code
 * hasErrorBeforeEnd("int 1x = 3;")} is true.
 */
final class SnippetSyntax {

    private static final String PREMATURE_END = "compiler.err.premature.eof";

    /** Prefix and suffix placing a snippet at top level, in a class, in a method, as a value. */
    private static final List<String[]> PLACES = List.of(
            new String[] {"", ""},
            new String[] {"class $Cell {\n", ""},
            new String[] {"class $Cell { void $run() throws Throwable {\n", ""},
            new String[] {"class $Cell { Object $value = (\n", "\n); }"});

    private static final JavaCompiler JAVAC = ToolProvider.getSystemJavaCompiler();

    private SnippetSyntax() {}

    /** Whether {@code snippet} cannot parse, whatever follows it. */
    static boolean hasErrorBeforeEnd(String snippet) {
        String body = snippet.strip();
        if (body.isEmpty()) {
            return false;
        }
        for (String[] place : PLACES) {
            String code = place[1].isEmpty() ? body : withoutFinalSemicolon(body);
            if (parsesUpToTheEnd(place[0] + code + place[1])) {
                return false;
            }
        }
        return true;
    }

    private static String withoutFinalSemicolon(String body) {
        return body.endsWith(";") ? body.substring(0, body.length() - 1) : body;
    }

    private static boolean parsesUpToTheEnd(String source) {
        DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
        JavaFileObject file = new SimpleJavaFileObject(URI.create("string:///Cell.java"),
                JavaFileObject.Kind.SOURCE) {
            @Override
            public CharSequence getCharContent(boolean ignoreEncodingErrors) {
                return source;
            }
        };
        JavacTask task = (JavacTask) JAVAC.getTask(null, null, diagnostics,
                List.of("-proc:none", "-XDshould-stop.at=PARSE"), null, List.of(file));
        try {
            task.parse();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        for (Diagnostic<? extends JavaFileObject> diagnostic : diagnostics.getDiagnostics()) {
            if (diagnostic.getKind() == Diagnostic.Kind.ERROR
                    && !PREMATURE_END.equals(diagnostic.getCode())) {
                return false;
            }
        }
        return true;
    }
}
