package org.mtl4j.kernel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JShellEvaluatorTest {

    private static JShellEvaluator java;

    @BeforeAll
    static void start() {
        java = new JShellEvaluator(List.of());
    }

    @AfterAll
    static void stop() {
        java.close();
    }

    @Test
    void keepsStateAndReturnsTheLastExpressionAsAnObject() {
        assertThat(java.eval("int base = 40;\nint more = base + 1;")).isSameAs(JShellEvaluator.NO_VALUE);
        Object value = java.eval("more + 1");
        assertThat(value).isEqualTo(42);
        assertThat(java.eval("java.util.List.of(1, 2)")).isEqualTo(List.of(1, 2));
        assertThat(java.eval("String nothing = null;\nnothing")).isNull();
    }

    @Test
    void aCellEndingInDisplayShowsNoIdButAnIdAskedForIsShown() {
        String shown = ShownIds.class.getName() + ".shown";

        Object trailing = java.eval("int n = 1;\n" + shown + "(\"id-1\");");
        Object kept = java.eval("String kept = " + shown + "(\"id-2\");\nkept");
        Object equalButNotTheId = java.eval(shown + "(\"id-3\") + \"\"");

        assertThat(trailing).isSameAs(JShellEvaluator.NO_VALUE);
        assertThat(kept).isEqualTo("id-2");
        assertThat(equalButNotTheId).isEqualTo("id-3");
    }

    @Test
    void aCellWithAValueCompilesOneSnippet() {
        long before = java.snippetCount();
        assertThat(java.eval("6 * 7")).isEqualTo(42);
        assertThat(java.snippetCount() - before).isEqualTo(1);
    }

    @Test
    void aCellsValueLeavesNoVariableBehindForLaterCellsToCompile() {
        java.eval("int kept = 1;");
        for (int i = 0; i < 3; i++) {
            assertThat(java.eval("kept + " + i)).isEqualTo(1 + i);
        }
        assertThat(java.eval("\"text\".length()")).isEqualTo(4);
        assertThat(java.definedVariables()).contains("kept")
                .noneMatch(name -> name.startsWith("$"));
    }

    @Test
    void theDslIsOnTheClasspath() {
        assertThat(java.eval("org.mtl4j.Mtl4j.dense(3)")).hasToString("dense(3)");
    }

    @Test
    void variablesKeepTheirValuesThroughACellOfSeveralImports() {
        java.eval("import java.nio.file.*;\nvar before = Path.of(\"kept\");");

        Object after = java.eval("import java.util.stream.*;\nimport java.util.regex.*;\n"
                + "import java.text.*;\nbefore");

        assertThat(after).hasToString("kept");
    }

    @Test
    void variablesKeepTheirValuesThroughImportsAfterComments() {
        java.eval("import java.nio.file.*;\nvar before = Path.of(\"kept\");");

        Object afterLineComment = java.eval("// dates\nimport java.time.*;\nbefore");
        Object afterTrailingComment = java.eval(
                "import java.net.*; // addresses\nimport java.text.*;\nbefore");
        Object afterBlockComment = java.eval("/* math */ import java.math.*;\nbefore");

        assertThat(List.of(afterLineComment, afterTrailingComment, afterBlockComment))
                .allSatisfy(value -> assertThat(value).hasToString("kept"));
    }

    @Test
    void onlyImportsLoseTheCommentsBeforeThem() {
        assertThat(JShellEvaluator.withoutLeadingNoise("\n  // a\n/* b */ import java.util.*;"))
                .isEqualTo("import java.util.*;");
        assertThat(JShellEvaluator.withoutLeadingNoise("\n/** Doubles. */ int twice(int x) {"
                + " return 2 * x; }"))
                .isEqualTo("/** Doubles. */ int twice(int x) { return 2 * x; }");
    }

    @Test
    void cellsSeeAddedJarsThroughTheContextClassLoaderAsDoTheirThreads(@TempDir Path folder)
            throws Exception {
        // GIVEN a folder with a resource, added to the class path as %classpath does, and a
        // thread evaluating cells whose context class loader is the application's (the kernel
        // evaluates on another thread than the one that started JShell)
        Files.writeString(folder.resolve("mtl4j-context-check.txt"), "found");
        java.addToClasspath(folder.toString());
        String lookUp = "getContextClassLoader().getResource(\"mtl4j-context-check.txt\") != null";
        ClassLoader application = ClassLoader.getSystemClassLoader();

        // WHEN a cell, and a thread it starts, look it up through the context class loader
        List<Object> found = CompletableFuture.supplyAsync(() -> {
            Thread.currentThread().setContextClassLoader(application);
            Object inCell = java.eval("Thread.currentThread()." + lookUp);
            Object inThread = java.eval("var seen = new java.util.concurrent.atomic.AtomicBoolean();\n"
                    + "var started = new Thread(() -> seen.set(Thread.currentThread()." + lookUp
                    + "));\nstarted.start();\nstarted.join();\nseen.get()");
            return List.of(inCell, inThread, Thread.currentThread().getContextClassLoader());
        }, task -> new Thread(task).start()).get(60, TimeUnit.SECONDS);

        // THEN both find it (Spark, for one, reads its version file so), and the evaluating
        // thread's own loader is left as it was
        assertThat(found).containsExactly(true, true, application);
    }

    @Test
    void compileErrorsPointAtTheProblem() {
        assertThatThrownBy(() -> java.eval("int broken = missingName + 1;"))
                .isInstanceOf(CompilationException.class)
                .hasMessageContaining("cannot find symbol")
                .hasMessageContaining("int broken = missingName + 1;\n                 ^");
    }

    @Test
    void runtimeErrorsKeepTheOriginalClassAndDropKernelFrames() {
        assertThatThrownBy(() -> java.eval("Object o = \"text\";\nInteger i = (Integer) o;"))
                .isInstanceOfSatisfying(SnippetException.class, e -> {
                    assertThat(e.getMessage()).startsWith("java.lang.ClassCastException: ");
                    assertThat(e.trace()).first().asString()
                            .startsWith("java.lang.ClassCastException");
                    assertThat(String.join("\n", e.trace()))
                            .doesNotContain("jdk.jshell", "org.mtl4j.kernel")
                            .contains("\tat (#");
                });
    }

    @Test
    void completenessOfCode() {
        assertThat(java.completeness("int x = 1;")).isEqualTo("complete");
        assertThat(java.completeness("1 + 1")).isEqualTo("complete");
        assertThat(java.completeness("import java.util.*;\nvoid f() {}\nclass A {}\nf();"))
                .isEqualTo("complete");
        assertThat(java.completeness("record P(int x) {}\nnew P(1).x()")).isEqualTo("complete");
        assertThat(java.completeness("for (int i = 0; i < 3; i++) {")).isEqualTo("incomplete");
        assertThat(java.completeness("Math.max(1,")).isEqualTo("incomplete");
        assertThat(java.completeness("int x = ;")).isEqualTo("invalid");
    }

    @Test
    void codeThatCannotParseIsInvalidEvenWhenItsBracketsBalance() {
        assertThat(java.completeness("1 +* 2;")).isEqualTo("invalid");
        assertThat(java.completeness("int 1x = 3;")).isEqualTo("invalid");
        assertThat(java.completeness("class {")).isEqualTo("invalid");
        assertThat(java.completeness("int ok = 1;\n1 +* 2;")).isEqualTo("invalid");
    }

    @Test
    void completionAndDocumentationWithTheCursorAtTheEnd() {
        JShellEvaluator.Completions completions = java.complete("Math.ab", 7);
        assertThat(completions.matches()).containsExactly("abs(", "absExact(");
        assertThat(completions.start()).isEqualTo(5);
        assertThat(java.documentation("Math.abs", 8)).isNotEmpty()
                .anySatisfy(d -> assertThat(d.signature()).contains("abs(int"));
    }

    @Test
    void completionAndDocumentationAfterEarlierSnippetsInTheCell() {
        String code = "import java.util.*;\nSystem.out.printl";
        JShellEvaluator.Completions completions = java.complete(code, code.length());
        assertThat(completions.matches()).contains("println(");
        assertThat(completions.start()).isEqualTo(code.length() - "printl".length());

        String middle = "int a = 1;\nMath.ab\nint b = 2;";
        assertThat(java.complete(middle, middle.indexOf("ab") + 2).matches())
                .containsExactly("abs(", "absExact(");
        String call = "import java.util.*;\nString s = String.valueOf(3);";
        assertThat(java.documentation(call, call.indexOf("valueOf") + 3))
                .anySatisfy(d -> assertThat(d.signature()).contains("valueOf(int"));
    }

    @Test
    void completionHidesObjectNoiseAndInternalsUnlessNothingElseMatches() {
        String code = "org.mtl4j.Mtl4j.multiTask().";
        List<String> matches = java.complete(code, code.length()).matches();
        assertThat(matches).contains("task(", "build()", "toString()")
                .doesNotContain("equals(", "hashCode()", "getClass()", "wait(", "notify()",
                        "notifyAll()", "spec()");
        String onlyNoise = "org.mtl4j.Mtl4j.multiTask().equ";
        assertThat(java.complete(onlyNoise, onlyNoise.length()).matches())
                .containsExactly("equals(");
    }

    @Test
    void completionListsTheDslsNamesFirst() {
        java.eval("import static org.mtl4j.Mtl4j.*;");
        List<String> matches = java.complete("de", 2).matches();
        assertThat(matches).contains("dense(");
        // JShell sorts by name: the package "de." would come first
        assertThat(matches).startsWith("dense(").endsWith("de.");
    }

    @Test
    void systemExitInACellIsRefusedAndTheShellLivesOn() {
        assertThatThrownBy(() -> java.eval("System.exit(0);"))
                .isInstanceOf(SnippetException.class)
                .hasMessage("java.lang.IllegalStateException: System.exit(0) was refused: it would"
                        + " end the kernel and lose every variable of this notebook. To restart the"
                        + " kernel, use the notebook's Kernel > Restart menu (or the restart"
                        + " button); to end the cell early, throw an exception or return.");
        assertThatThrownBy(() -> java.eval("Runtime.getRuntime().halt(3);"))
                .hasMessageStartingWith("java.lang.IllegalStateException: Runtime.getRuntime()"
                        + ".halt(3) was refused");
        assertThatThrownBy(() -> java.eval("java.util.function.IntConsumer quit = System::exit;"
                + "\nquit.accept(2);"))
                .hasMessageStartingWith("java.lang.IllegalStateException: System.exit(2) was");
        assertThatThrownBy(() -> java.eval("class Quitter { static void quit() {"
                + " Runtime.getRuntime().exit(4); } }\nQuitter.quit();"))
                .hasMessageStartingWith("java.lang.IllegalStateException: Runtime.getRuntime()"
                        + ".exit(4) was refused");
        assertThatThrownBy(() -> java.eval("Runnable later = () -> System.exit(5);\nlater.run();"))
                .hasMessageStartingWith("java.lang.IllegalStateException: System.exit(5)");
        assertThat(java.eval("20 + 22")).isEqualTo(42);
    }

    @Test
    void interruptEndsASleepingCellAndTheRestOfTheCellDoesNotRun() throws Exception {
        java.eval("int after = 0;");
        CompletableFuture<Object> cell = CompletableFuture.supplyAsync(
                () -> java.eval("Thread.sleep(60_000);\nafter = 1;"));
        Thread.sleep(500);

        long start = System.nanoTime();
        java.interrupt();

        assertThatThrownBy(() -> cell.get(5, TimeUnit.SECONDS))
                .hasCauseInstanceOf(RuntimeException.class);
        assertThat((System.nanoTime() - start) / 1e9).isLessThan(2.0);
        assertThat(java.eval("after")).isEqualTo(0);
    }

    @Test
    void interruptEndsABusyLoop() throws Exception {
        // GIVEN a cell spinning in a loop that never checks for interrupts (the kernel's JShell
        // runs in this JVM: the loop's first statement tells this thread that it runs)
        java.eval("long spins = 0;");
        System.clearProperty("mtl4j.test.loop");
        CompletableFuture<Object> cell = CompletableFuture.supplyAsync(() -> java.eval(
                "for (System.setProperty(\"mtl4j.test.loop\", \"on\");;) { spins++; }"));
        long deadline = System.nanoTime() + 60_000_000_000L;
        while (System.getProperty("mtl4j.test.loop") == null && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        Thread.sleep(200);

        // WHEN it is interrupted
        long start = System.nanoTime();
        java.interrupt();

        // THEN the cell ends as interrupted (not a timeout of the get), within the grace period
        assertThatThrownBy(() -> cell.get(5, TimeUnit.SECONDS))
                .isInstanceOf(ExecutionException.class)
                .cause().isInstanceOf(CellInterruptedException.class)
                .hasMessage("Interrupted: the cell stopped at snippet 1 of 1.");
        assertThat((System.nanoTime() - start) / 1e9)
                .isLessThan(InterruptPolicy.GRACE_MILLIS / 1e3 + 2);
        // AND the loop no longer runs: its counter stays where it stopped
        long stopped = (Long) java.eval("spins");
        Thread.sleep(200);
        assertThat(stopped).isPositive();
        assertThat(java.eval("spins")).isEqualTo(stopped);
        assertThat(java.eval("1 + 1")).isEqualTo(2);
    }
}
