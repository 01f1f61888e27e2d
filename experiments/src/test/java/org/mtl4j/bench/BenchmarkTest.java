package org.mtl4j.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The benchmark harness end to end, in a tiny configuration (PyTorch side included). */
class BenchmarkTest {

    private static String run(String... args) throws Exception {
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
        return output;
    }

    /** The part of the output from the heading starting with {@code heading} to the next. */
    private static String section(String output, String heading) {
        int start = output.indexOf("## " + heading);
        assertThat(start).as("section '" + heading + "' in:\n" + output).isNotNegative();
        int end = output.indexOf("\n## ", start + 1);
        return end < 0 ? output.substring(start) : output.substring(start, end);
    }

    /** The cells of the table rows whose first cell is {@code first}. */
    private static List<String[]> rows(String output, String first) {
        return output.lines()
                .filter(line -> line.startsWith("| " + first + " "))
                .map(line -> Arrays.stream(line.substring(1).split("\\|"))
                        .map(String::trim).toArray(String[]::new))
                .toList();
    }

    @Test
    void everyTableHasEveryRowWithPositiveFigures() throws Exception {
        // WHEN the whole benchmark runs on 256 rows, one repetition of one epoch
        String output = run("--reps", "1", "--epochs", "1", "--rows", "256", "--tasks", "1,4",
                "--memory-epochs", "6");

        // THEN the speed table has the three runners for both workloads, all faster than 0
        String speedTable = section(output, "Training speed");
        for (String workload : List.of(Workload.SMALL.name(), Workload.COMPUTE.name())) {
            List<String[]> speed = rows(speedTable, workload);
            assertThat(speed).extracting(cells -> cells[1]).containsExactly("mtl4j fit()",
                    "mtl4j fit(), no divergence check", "mtl4j fit(), no metrics", "hand-written DJL loop", "PyTorch eager (torch " + torchVersion(output) + ")");
            for (String[] cells : speed) {
                assertThat(Double.parseDouble(cells[2])).as("steps/s of " + cells[1])
                        .isPositive();
                assertThat(Double.parseDouble(cells[4])).as("steps/CPU-s of " + cells[1])
                        .isPositive();
                assertThat(cells[6]).matches("[0-9.]+×, [0-9.]+×");
            }
        }
        // AND the scaling table has both task counts, relative to one task
        String scaling = section(output, "Scaling");
        assertThat(rows(scaling, "1")).singleElement()
                .satisfies(cells -> assertThat(cells[2]).isEqualTo("1.00×"));
        assertThat(rows(scaling, "4")).singleElement()
                .satisfies(cells -> assertThat(Double.parseDouble(cells[1])).isPositive());
        // AND the memory section reports the growth, with no NDArray left behind per epoch
        assertThat(section(output, "Memory")).containsPattern(
                "Growth from epoch 5 to 6: RSS [+-][0-9.]+ % \\(limit 5 %\\), live NDArrays \\+0\\.");
        // AND every weighting strategy has a row
        for (var weighting : WeightingBench.STRATEGIES) {
            assertThat(rows(section(output, "Task weighting"), weighting.toString())).hasSize(1);
        }
    }

    private static String torchVersion(String output) {
        int at = output.indexOf("PyTorch eager (torch ");
        assertThat(at).as("PyTorch row in:\n" + output).isNotNegative();
        return output.substring(at + "PyTorch eager (torch ".length(), output.indexOf(')', at));
    }
}
