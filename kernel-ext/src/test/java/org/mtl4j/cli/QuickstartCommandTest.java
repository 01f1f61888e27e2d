package org.mtl4j.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import tech.tablesaw.api.Table;

class QuickstartCommandTest {

    @Test
    void trainsTheSeedExampleAndWritesChartsHistoryAndFinalLosses(@TempDir Path out)
            throws Exception {
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        QuickstartCommand quickstart =
                new QuickstartCommand(new PrintStream(printed, true, StandardCharsets.UTF_8));

        int status = new CommandLine(quickstart)
                .execute("--out", out.toString(), "--epochs", "12", "--rows", "800");

        String text = printed.toString(StandardCharsets.UTF_8);
        assertThat(status).isZero();
        for (String chart : new String[] {"loss.png", "weights.png", "metrics.png"}) {
            assertThat(ImageIO.read(out.resolve(chart).toFile()).getWidth()).isPositive();
            assertThat(text).contains(out.resolve(chart).toAbsolutePath().toString());
        }
        assertThat(Files.readString(out.resolve("loss.svg"))).contains("<svg");
        assertThat(text).contains("Final per-task losses (epoch 12):", "task5", "Trained 12"
                + " epochs on cpu()");

        // THEN all five validation losses fell over training (the charts show falling curves)
        Table history = Table.read().csv(out.resolve("history.csv").toString());
        for (int t = 1; t <= 5; t++) {
            Table task = history.where(history.stringColumn("task").isEqualTo("task" + t));
            double first = task.doubleColumn("validation_loss").get(0);
            double last = task.doubleColumn("validation_loss").get(task.rowCount() - 1);
            assertThat(last).as("task" + t).isLessThan(0.6 * first);
        }
    }

    @Test
    void topLevelCommandPrintsUsage() {
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        CommandLine line = new CommandLine(new Mtl4jCommand());
        line.setOut(new java.io.PrintWriter(printed, true, StandardCharsets.UTF_8));

        int status = line.execute("--help");

        assertThat(status).isZero();
        assertThat(printed.toString(StandardCharsets.UTF_8)).contains("quickstart");
    }
}
