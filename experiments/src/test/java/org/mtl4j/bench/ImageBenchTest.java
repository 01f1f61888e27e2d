package org.mtl4j.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The image benchmark end to end in a tiny configuration (real libtorch): both runners train the
 * same network, and the table's ratios follow from its own figures.
 */
class ImageBenchTest {

    private static String output;

    @BeforeAll
    static void runTheImageBenchmarkSmall() {
        PrintStream original = System.out;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            ImageBench.main(new String[] {"--reps", "1", "--epochs", "1", "--rows", "96",
                "--batch", "32"});
        } finally {
            System.setOut(original);
        }
        output = captured.toString(StandardCharsets.UTF_8);
        original.print(output);
    }

    @Test
    void fitAndTheDjlLoopTrainTheSameNumberOfParameters() {
        Matcher counts = Pattern.compile("; ([0-9]+) parameters in fit\\(\\)'s model, ([0-9]+) in"
                + " the DJL loop's\\)").matcher(output);
        assertThat(counts.find()).as(output).isTrue();
        // hand count: conv 1→10 (5×5) 260, conv 10→20 (5×5) 5020, dense 20·6·6=720→50 36050,
        // two heads 50→10 510 each
        assertThat(counts.group(1)).isEqualTo("42350");
        assertThat(counts.group(2)).isEqualTo("42350");
    }

    @Test
    void ratiosAreTheRunnersFiguresOverTheDjlLoops() {
        String[] loop = row("hand-written DJL loop");
        assertThat(loop[5]).isEqualTo("1.00×, 1.00×");
        String[] fit = row("mtl4j fit()");
        String[] ratios = fit[5].replace("×", "").split(", ");
        assertRatio(ratios[0], fit[1], loop[1]);
        assertRatio(ratios[1], fit[3], loop[3]);
        String[] epochs = row("mtl4j fit(), epochs only");
        assertRatio(epochs[5].replace("×", "").split(", ")[0], epochs[1], loop[1]);
        // the epochs alone are quicker than the whole call, which also converts the table
        assertThat(Double.parseDouble(epochs[1])).isGreaterThanOrEqualTo(
                Double.parseDouble(fit[1]));
    }

    @Test
    void anUnknownOptionIsNamed() {
        assertThatThrownBy(() -> ImageBench.main(new String[] {"--sections", "1"}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Unknown option --sections. Known: --reps --epochs --rows --batch"
                        + " --threads.");
    }

    private static String[] row(String runner) {
        return output.lines().filter(line -> line.startsWith("| " + runner + " "))
                .map(line -> Arrays.stream(line.substring(1).split("\\|")).map(String::trim)
                        .toArray(String[]::new))
                .findFirst().orElseThrow(() -> new AssertionError("no row " + runner + " in:\n"
                        + output));
    }

    private static void assertRatio(String ratio, String figure, String reference) {
        double expected = Double.parseDouble(figure) / Double.parseDouble(reference);
        // the figures are printed rounded to whole images per second
        assertThat(Double.parseDouble(ratio)).isCloseTo(expected, within(0.01 + expected * 0.05));
    }
}
