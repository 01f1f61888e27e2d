package org.mtl4j.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;

/**
 * The benchmark's printed output, run in this JVM, and its Markdown tables cut into cells.
 *
 * <p>Example: {@code BenchOutput.run("--sections", "speed").rows("Training speed", "small")}
 */
record BenchOutput(String text) {

    static BenchOutput run(String... args) throws Exception {
        PrintStream original = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            Benchmark.main(args);
        } finally {
            System.setOut(original);
        }
        String output = captured.toString(StandardCharsets.UTF_8);
        original.print(output);
        return new BenchOutput(output);
    }

    /** The part of the output from the heading starting with {@code heading} to the next. */
    String section(String heading) {
        int start = text.indexOf("## " + heading);
        assertThat(start).as("section '" + heading + "' in:\n" + text).isNotNegative();
        int end = text.indexOf("\n## ", start + 1);
        return end < 0 ? text.substring(start) : text.substring(start, end);
    }

    /** The cells of the rows of section {@code heading} whose first cell is {@code first}. */
    List<String[]> rows(String heading, String first) {
        return section(heading).lines()
                .filter(line -> line.startsWith("| " + first + " "))
                .map(line -> Arrays.stream(line.substring(1).split("\\|"))
                        .map(String::trim).toArray(String[]::new))
                .toList();
    }

    /** The row of {@code runner} for {@code workload} in the speed table. */
    String[] speedRow(String workload, String runner) {
        return rows("Training speed", workload).stream().filter(c -> c[1].equals(runner))
                .findFirst().orElseThrow(() -> new AssertionError("no row '" + runner + "' for "
                        + workload + " in:\n" + text));
    }
}
