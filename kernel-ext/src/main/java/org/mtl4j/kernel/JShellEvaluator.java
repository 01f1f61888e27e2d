package org.mtl4j.kernel;

import java.io.File;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import jdk.jshell.Diag;
import jdk.jshell.EvalException;
import jdk.jshell.ExpressionSnippet;
import jdk.jshell.JShell;
import jdk.jshell.JShellException;
import jdk.jshell.Snippet;
import jdk.jshell.SnippetEvent;
import jdk.jshell.SourceCodeAnalysis;
import jdk.jshell.SourceCodeAnalysis.Completeness;
import jdk.jshell.SourceCodeAnalysis.CompletionInfo;
import jdk.jshell.UnresolvedReferenceException;
import jdk.jshell.VarSnippet;

/**
 * Evaluates Java cells with JShell's in-process ("local") engine: a cell is split into snippets,
 * each evaluated in turn, and the value of a final expression is handed back as the object itself
 * (one compilation per snippet; see {@link GuardedExecution}, which also refuses {@code
 * System.exit}). State persists across cells. {@link #interrupt()} ends the running cell: it stops snippet code
 * (busy loops included) and interrupts the snippet's thread, which ends a running {@code fit()}
 * between two steps and any sleep or wait.
 *
 * <p>Example:
 *
 * <pre>{@code
 * try (JShellEvaluator java = new JShellEvaluator(List.of())) {
 *     java.eval("int x = 20;");
 *     Object value = java.eval("x + 1");   // Integer 21
 * }
 * }</pre>
 */
public final class JShellEvaluator implements AutoCloseable {

    /** The thread group JShell's local engine runs snippets in. */
    static final String SNIPPET_THREAD_GROUP = "JShell process local execution";

    /** The value of a cell whose last snippet is not an expression. */
    public static final Object NO_VALUE = new Object();

    private final JShell shell;
    private final SourceCodeAnalysis analysis;
    private final StaticImportOverloads overloads;
    private final GuardedExecution execution = new GuardedExecution();
    private volatile boolean interruptRequested;
    private volatile boolean running;
    private volatile java.util.Set<Thread> olderThreads = java.util.Set.of();
    private final java.util.Set<Thread> interruptedAtPrint =
            java.util.concurrent.ConcurrentHashMap.newKeySet();
    private volatile Thread watchdog;
    private volatile boolean interruptPending;
    private boolean inRequest;

    /**
     * Starts JShell with the kernel's own class path (so the DSL is usable from cells) plus
     * {@code extraClasspath}.
     */
    public JShellEvaluator(List<String> extraClasspath) {
        shell = JShell.builder()
                .executionEngine(execution, java.util.Map.of())
                .compilerOptions("-Xlint:none", "-proc:none")
                .fileManager(jshells -> new SteadyFileManager(CompilerClassPath.prepared(jshells)))
                .build();
        LibrarySources.install();
        analysis = shell.sourceCodeAnalysis();
        overloads = new StaticImportOverloads(analysis, JShellEvaluator.class.getClassLoader());
        // JShell compiles against the kernel's own class path already; add only what is extra
        if (!extraClasspath.isEmpty()) {
            // one call: JShell re-reads its whole class path and drops its compilers on each call
            shell.addToClasspath(String.join(File.pathSeparator, extraClasspath));
        }
    }

    /** Makes a jar or class folder visible to cells (compilation and execution). */
    public void addToClasspath(String path) {
        shell.addToClasspath(path);
    }

    /**
     * Evaluates a cell.
     *
     * @return the value of the last snippet if it is an expression (null for a null value), else
     *     {@link #NO_VALUE}
     * @throws CompilationException if a snippet does not compile (earlier snippets have run)
     * @throws SnippetException if the code throws
     * @throws CellInterruptedException if {@link #interrupt()} stopped the cell
     */
    public Object eval(String cell) {
        interruptedAtPrint.clear();
        olderThreads = snippetThreads();
        synchronized (this) {
            interruptRequested = interruptPending;
            interruptPending = false;
            running = true;
        }
        try {
            List<String> snippets = split(cell);
            Object value = NO_VALUE;
            for (int i = 0; i < snippets.size(); i++) {
                if (!interruptRequested) {
                    try {
                        value = evalSnippet(snippets.get(i));
                    } catch (SnippetException e) {
                        if (!interruptRequested) {
                            throw e;
                        } // else thrown because of the interrupt: reported as the interrupt
                    }
                }
                if (interruptRequested) {
                    throw new CellInterruptedException("Interrupted: the cell stopped at snippet "
                            + (i + 1) + " of " + snippets.size() + ".");
                }
            }
            return value;
        } finally {
            running = false;
            interruptRequested = false;
        }
    }

    /** Splits a cell into complete snippets (the last one may be incomplete or invalid). */
    List<String> split(String cell) {
        List<String> snippets = new ArrayList<>();
        String remaining = cell;
        while (!remaining.isBlank()) {
            CompletionInfo info = analysis.analyzeCompletion(remaining);
            if (info.completeness() == Completeness.EMPTY) {
                break;
            }
            if (!info.completeness().isComplete()) {
                snippets.add(remaining);
                break;
            }
            // without the line breaks (and, before an import, the comments) ahead of it: JShell
            // takes an import whose source does not start with "import" for a changed import
            // and re-creates every variable of an imported type, which loses their values
            snippets.add(withoutLeadingNoise(info.source()));
            remaining = info.remaining();
        }
        return snippets;
    }

    /**
     * {@code source} without leading whitespace, and when what follows the comments is an
     * import, without those comments either ({@code "// paths\nimport java.nio.file.*;"} gives
     * {@code "import java.nio.file.*;"}); other snippets keep their comments (javadoc).
     */
    static String withoutLeadingNoise(String source) {
        String text = source.stripLeading();
        String rest = text;
        while (true) {
            if (rest.startsWith("//")) {
                int end = rest.indexOf('\n');
                rest = end < 0 ? "" : rest.substring(end + 1).stripLeading();
            } else if (rest.startsWith("/*")) {
                int end = rest.indexOf("*/", 2);
                rest = end < 0 ? "" : rest.substring(end + 2).stripLeading();
            } else {
                break;
            }
        }
        return rest.startsWith("import ") || rest.startsWith("import\t") ? rest : text;
    }

    private Object evalSnippet(String source) {
        Object value = NO_VALUE;
        CellResult.take();
        ShownIds.forget();
        List<SnippetEvent> events;
        Object returned;
        try {
            // a method named like a statically imported one must overload it, not hide it
            for (String single : overloads.importsBefore(source, shell.imports().toList())) {
                shell.eval(single);
            }
            events = shell.eval(source);
        } finally {
            returned = CellResult.take();
        }
        for (SnippetEvent event : events) {
            if (event.causeSnippet() != null) {
                continue;
            }
            Snippet snippet = event.snippet();
            if (event.status() == Snippet.Status.REJECTED) {
                throw new CompilationException(diagnostics(snippet, source));
            }
            if (event.exception() != null) {
                throw readable(event.exception());
            }
            String name = valueName(snippet);
            if (name != null && event.status().isActive()) {
                value = execution.instrumenting() ? returned : capture(name);
                dropTemporary(snippet);
                if (ShownIds.isLast(value)) {
                    value = NO_VALUE; // display(x) as the last statement: no id as the value
                }
            }
        }
        return value;
    }

    /**
     * Forgets the {@code $N} variable JShell keeps for an expression's value. Every compilation
     * imports each variable still defined, so keeping them made every cell slower than the one
     * before (a warm {@code 1+1} cost twice the compilation after a few hundred cells). The value
     * itself is what the cell shows; code cannot refer to {@code $N}.
     */
    private void dropTemporary(Snippet snippet) {
        if (snippet.subKind() == Snippet.SubKind.TEMP_VAR_EXPRESSION_SUBKIND) {
            shell.drop(snippet);
        }
    }

    /** The name holding an expression snippet's value, or null for other snippets. */
    private static String valueName(Snippet snippet) {
        if (snippet instanceof ExpressionSnippet expression) {
            return expression.name();
        }
        if (snippet instanceof VarSnippet variable
                && snippet.subKind() == Snippet.SubKind.TEMP_VAR_EXPRESSION_SUBKIND) {
            return variable.name();
        }
        return null;
    }

    /** Fallback where classes are not instrumented: a second snippet hands the value over. */
    private Object capture(String name) {
        for (SnippetEvent event : shell.eval(CellResult.class.getName() + ".keep(" + name + ");")) {
            if (event.exception() != null) {
                throw readable(event.exception());
            }
        }
        Object value = CellResult.take();
        shell.snippets()
                .filter(s -> s.source().startsWith(CellResult.class.getName() + ".keep("))
                .forEach(shell::drop);
        return value;
    }

    private String diagnostics(Snippet snippet, String source) {
        StringBuilder text = new StringBuilder();
        shell.diagnostics(snippet).forEach(diag -> append(text, diag, source));
        if (text.length() == 0) {
            text.append("The code cannot be compiled: ").append(source.strip());
        }
        return text.toString().stripTrailing();
    }

    private static void append(StringBuilder text, Diag diag, String source) {
        text.append(diag.getMessage(Locale.ROOT)).append('\n');
        int position = (int) Math.max(0, Math.min(diag.getStartPosition(), source.length()));
        int lineStart = source.lastIndexOf('\n', Math.max(0, position - 1)) + 1;
        int lineEnd = source.indexOf('\n', position);
        String line = source.substring(lineStart, lineEnd < 0 ? source.length() : lineEnd);
        text.append("    ").append(line).append('\n');
        text.append("    ").append(" ".repeat(Math.max(0, position - lineStart))).append("^\n");
    }

    private static SnippetException readable(JShellException exception) {
        if (exception instanceof UnresolvedReferenceException unresolved) {
            return new SnippetException(
                    "'" + unresolved.getSnippet().source().strip() + "' uses something that is"
                            + " not defined yet. Define it first, then run this again.",
                    List.of());
        }
        EvalException eval = (EvalException) exception;
        List<String> trace = new ArrayList<>();
        Throwable current = eval;
        boolean first = true;
        while (current != null) {
            String className = current instanceof EvalException e
                    ? e.getExceptionClassName()
                    : current.getClass().getName();
            String message = current.getMessage();
            String header = className + (message == null ? "" : ": " + message);
            trace.add(first ? header : "Caused by: " + header);
            for (StackTraceElement frame : current.getStackTrace()) {
                if (isUserFrame(frame)) {
                    trace.add("\tat " + describe(frame));
                }
            }
            first = false;
            current = current.getCause();
        }
        String message = eval.getMessage();
        return new SnippetException(
                eval.getExceptionClassName() + (message == null ? "" : ": " + message),
                RepeatedFrames.compact(trace));
    }

    private static boolean isUserFrame(StackTraceElement frame) {
        String name = frame.getClassName();
        return !(name.startsWith("jdk.jshell.") || name.startsWith("java.lang.reflect.")
                || name.startsWith("jdk.internal.reflect.") || name.startsWith("org.mtl4j.kernel.")
                || name.startsWith("java.lang.Thread"));
    }

    /** Snippet frames (JShell names their file {@code #id}) as {@code method(#id:line)}. */
    private static String describe(StackTraceElement frame) {
        String file = frame.getFileName();
        if (file != null && file.startsWith("#")) {
            String method = frame.getMethodName();
            boolean topLevel = method == null || method.isEmpty() || method.equals("do_it$");
            return (topLevel ? "" : method) + "(" + file + ":" + frame.getLineNumber() + ")";
        }
        return frame.toString();
    }

    /**
     * Completion candidates at {@code cursor}, anywhere in a cell of several snippets (imports
     * included): ranked and trimmed by {@link CompletionRanking}.
     *
     * @return distinct replacement texts and where they start in {@code code}
     */
    public Completions complete(String code, int cursor) {
        SnippetAt at = snippetAt(code, cursor);
        int[] anchor = new int[1];
        Set<String> matches = new LinkedHashSet<>();
        analysis.completionSuggestions(at.text(), cursor - at.start(), anchor)
                .forEach(s -> matches.add(s.continuation()));
        return new Completions(CompletionRanking.rank(new ArrayList<>(matches)),
                at.start() + anchor[0], cursor);
    }

    /** Where completions start and end in the code, and the candidate replacements. */
    public record Completions(List<String> matches, int start, int end) {}

    /**
     * Documentation of what is at {@code cursor}, anywhere in a cell: signatures and javadoc.
     * Works with the cursor right after a name ({@code Math.abs|}) as well as inside a call
     * ({@code Math.abs(|}).
     *
     * @return one entry per matching signature (empty if nothing is known there)
     */
    public List<SourceCodeAnalysis.Documentation> documentation(String code, int cursor) {
        SnippetAt at = snippetAt(code, cursor);
        String snippet = at.text();
        int position = cursor - at.start();
        List<SourceCodeAnalysis.Documentation> docs =
                analysis.documentation(snippet, position, true);
        if (docs.isEmpty() && position > 0 && Character.isJavaIdentifierPart(
                snippet.charAt(Math.min(position, snippet.length()) - 1))) {
            int end = position;
            while (end < snippet.length() && Character.isJavaIdentifierPart(snippet.charAt(end))) {
                end++;
            }
            String call = snippet.substring(0, end) + "(";
            docs = analysis.documentation(call, call.length(), true);
        }
        return docs;
    }

    /** The snippet of {@code code} holding {@code cursor}, and where it starts. */
    SnippetAt snippetAt(String code, int cursor) {
        int start = 0;
        String remaining = code;
        while (true) {
            CompletionInfo info = analysis.analyzeCompletion(remaining);
            if (!info.completeness().isComplete()) {
                return new SnippetAt(start, code.substring(start));
            }
            int end = code.length() - info.remaining().length();
            if (cursor <= end || info.remaining().isBlank()) {
                return new SnippetAt(start, code.substring(start, end));
            }
            start = end;
            remaining = info.remaining();
        }
    }

    /** One snippet's text and its offset in the cell. */
    record SnippetAt(int start, String text) {}

    /**
     * Whether {@code code} can run as it is.
     *
     * @return "complete", "incomplete" (more lines expected) or "invalid" (cannot parse)
     */
    public String completeness(String code) {
        String remaining = code;
        while (!remaining.isBlank()) {
            CompletionInfo info = analysis.analyzeCompletion(remaining);
            Completeness completeness = info.completeness();
            if (completeness == Completeness.EMPTY) {
                return "complete";
            }
            String snippet = completeness.isComplete() ? info.source() : remaining;
            if (completeness == Completeness.UNKNOWN || SnippetSyntax.hasErrorBeforeEnd(snippet)) {
                return "invalid";
            }
            if (!completeness.isComplete()) {
                return "incomplete";
            }
            remaining = info.remaining();
        }
        return "complete";
    }

    /**
     * Ends the running cell, from any thread, by the {@link InterruptPolicy}: the cell's threads
     * are interrupted at once (a {@code fit()} returns after its current step, keeping the
     * completed epochs; sleeps and waits end; the next print from the cell's own code throws);
     * code that has not ended after {@link InterruptPolicy#GRACE_MILLIS} is stopped, but only
     * while its stack holds user code alone. The rest of the cell does not run. Returns at once;
     * a watchdog thread does the waiting. Does nothing when no cell runs, except inside a request
     * whose cell has not started yet (see {@link #inRequest(boolean)}).
     */
    public void interrupt() {
        synchronized (this) {
            if (!running) {
                interruptPending = inRequest; // the request's cell has not started yet
                return;
            }
            interruptRequested = true;
        }
        for (Thread thread : cellThreads()) {
            thread.interrupt();
        }
        if (watchdog == null || !watchdog.isAlive()) {
            watchdog = new Thread(this::stopWhatIgnoresTheInterrupt, "mtl4j-interrupt");
            watchdog.setDaemon(true);
            watchdog.start();
        }
    }

    /**
     * Marks the start ({@code true}) or end of a kernel request that may run cells: an interrupt
     * that arrives inside a request before its cell has started ends that cell as it starts.
     * Outside requests an interrupt does nothing.
     */
    public synchronized void inRequest(boolean inside) {
        inRequest = inside;
        interruptPending = false;
    }

    /**
     * Throws {@link CellInterruptedException} when an interrupted cell's own code prints (once
     * per thread): the cooperative end of a printing loop. Called before every write to the
     * cell's {@code System.out}/{@code err}; does nothing otherwise (one volatile read).
     */
    void interruptPoint() {
        if (!interruptRequested) {
            return;
        }
        Thread current = Thread.currentThread();
        ThreadGroup group = current.getThreadGroup();
        if (group == null || !SNIPPET_THREAD_GROUP.equals(group.getName())
                || olderThreads.contains(current) || !interruptedAtPrint.add(current)
                || !InterruptPolicy.writtenBySnippet(current.getStackTrace())) {
            return;
        }
        throw new CellInterruptedException("Interrupted while printing.");
    }

    private void stopWhatIgnoresTheInterrupt() {
        // load and initialise what the check uses now, before any thread is suspended: a
        // suspended thread may hold a class's initialisation lock
        InterruptPolicy.mayStop(Thread.currentThread().getStackTrace());
        long graceEnds = System.nanoTime() + InterruptPolicy.GRACE_MILLIS * 1_000_000;
        while (running && interruptRequested) {
            try {
                Thread.sleep(InterruptPolicy.POLL_MILLIS);
            } catch (InterruptedException e) {
                return;
            }
            if (System.nanoTime() >= graceEnds) {
                cellThreads().forEach(this::stopIfOnlyUserCode);
            }
        }
    }

    /**
     * Stops {@code thread} if its stack holds only user code. On Java 17 the thread is suspended
     * while its stack is read and the stop is issued, so it cannot move into protected code in
     * between; on a JDK without {@code Thread.suspend} (20 and later) JShell's own stop is used,
     * which there ends snippet code only.
     */
    @SuppressWarnings({"deprecation", "removal"})
    private void stopIfOnlyUserCode(Thread thread) {
        try {
            thread.suspend();
        } catch (UnsupportedOperationException newerJdk) {
            if (InterruptPolicy.mayStop(thread.getStackTrace())) {
                shell.stop();
            }
            return;
        }
        try {
            if (InterruptPolicy.mayStop(thread.getStackTrace())) {
                thread.stop();
            }
        } finally {
            thread.resume();
        }
    }

    /** Snippet threads started for the running cell (its own and any it started). */
    private java.util.Set<Thread> cellThreads() {
        java.util.Set<Thread> threads = snippetThreads();
        threads.removeAll(olderThreads);
        return threads;
    }

    /** Threads in JShell's snippet thread groups (the running cell's, and any a cell started). */
    private static java.util.Set<Thread> snippetThreads() {
        java.util.Set<Thread> threads = new java.util.HashSet<>();
        for (Thread thread : Thread.getAllStackTraces().keySet()) {
            ThreadGroup group = thread.getThreadGroup();
            if (group != null && SNIPPET_THREAD_GROUP.equals(group.getName())) {
                threads.add(thread);
            }
        }
        return threads;
    }

    /** The names of the variables cells have defined and JShell still imports into each cell. */
    List<String> definedVariables() {
        return shell.variables().filter(v -> shell.status(v).isDefined())
                .map(VarSnippet::name).toList();
    }

    /** How many snippets JShell has compiled so far (dropped ones included). */
    long snippetCount() {
        return shell.snippets().count();
    }

    @Override
    public void close() {
        shell.close();
    }
}
