package org.mtl4j;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import jdk.jshell.JShell;
import jdk.jshell.Snippet;
import jdk.jshell.SnippetEvent;
import jdk.jshell.SourceCodeAnalysis;
import org.junit.jupiter.api.Test;

/**
 * README's "Data larger than memory" recipe, as it is written there, runs in JShell with the
 * notebook's imports: it writes a Parquet file, fits from it, evaluates and predicts into a file.
 */
class DataLargerThanMemoryRecipeTest {

    private static String recipe() throws Exception {
        String readme = Files.readString(Path.of("..", "README.md"));
        String section = readme.substring(readme.indexOf("## Data larger than memory"));
        section = section.substring(0, section.indexOf("\n## ", 3));
        int start = section.indexOf("```java\n") + "```java\n".length();
        return section.substring(start, section.indexOf("```", start));
    }

    /** Evaluates every statement of {@code code}; the value of the last one. */
    private static String run(JShell shell, String code) {
        String value = null;
        String remaining = code;
        while (!remaining.isBlank()) {
            SourceCodeAnalysis.CompletionInfo info =
                    shell.sourceCodeAnalysis().analyzeCompletion(remaining);
            assertThat(info.completeness().isComplete()).as("complete: %s", remaining).isTrue();
            for (SnippetEvent event : shell.eval(info.source())) {
                assertThat(event.exception()).as("%s", info.source()).isNull();
                assertThat(event.status()).as("%s: %s", info.source(),
                        shell.diagnostics(event.snippet()).map(d -> d.getMessage(null)).toList())
                        .isNotEqualTo(Snippet.Status.REJECTED);
                value = event.value();
            }
            remaining = info.remaining();
        }
        return value;
    }

    @Test
    void theRecipeRunsAsWritten() throws Exception {
        // GIVEN README's recipe and JShell with the test class path and the notebook's imports
        List<String> outputs = new ArrayList<>();
        try (JShell shell = JShell.builder().executionEngine("local").build()) {
            shell.addToClasspath(System.getProperty("java.class.path"));
            run(shell, "import static org.mtl4j.Mtl4j.*;\nimport tech.tablesaw.api.*;\n");

            // WHEN it runs
            run(shell, recipe());

            // THEN it trained two epochs, evaluated both tasks and predicted every row
            outputs.add(run(shell, "run.history().epochs().size()"));
            outputs.add(run(shell, "scores.rowCount()"));
            outputs.add(run(shell, "written"));
            outputs.add(run(shell, "Sources.parquet(folder.resolve(\"scores.parquet\"))"
                    + ".columnNames().toString()"));
            run(shell, "for (Path file : Files.list(folder).toList()) { Files.delete(file); }\n"
                    + "Files.delete(folder);\n");
            assertThat(run(shell, "Files.exists(folder)")).isEqualTo("false");
        }
        assertThat(outputs).containsExactly("2", "2", "100000",
                "\"[id, click, click_probability_yes, dwell]\"");
    }
}
