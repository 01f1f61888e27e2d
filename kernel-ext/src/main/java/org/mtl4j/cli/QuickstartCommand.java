package org.mtl4j.cli;

import static org.mtl4j.Mtl4j.*;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.mtl4j.MultiTaskModel;
import org.mtl4j.datasets.SeedExample;
import org.mtl4j.plot.ChartFiles;
import org.mtl4j.plot.Charts;
import org.mtl4j.train.TaskEpoch;
import org.mtl4j.train.TrainingRun;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import tech.tablesaw.api.Table;

/**
 * The seed tutorial's example done right: a shared 10 → 20 trunk (with a ReLU, which the seed's
 * purely linear trunk lacked) and five regression heads, trained on data whose targets share
 * structure ({@link SeedExample}), one batch feeding the trunk once and all five heads; then the
 * per-task loss, weight and metric charts.
 *
 * <p>Example: {@code java -jar mtl4j.jar quickstart --out target/quickstart --epochs 30}
 */
@Command(
        name = "quickstart",
        mixinStandardHelpOptions = true,
        description = "Train the seed example (trunk 10->20, 5 regression heads) and write its"
                + " charts.")
public final class QuickstartCommand implements Callable<Integer> {

    @Option(names = "--out", description = "Folder for charts and history (default: ${DEFAULT-VALUE}).",
            defaultValue = "target/quickstart")
    Path out;

    @Option(names = "--epochs", description = "Epochs (default: ${DEFAULT-VALUE}).",
            defaultValue = "40")
    int epochs;

    @Option(names = "--rows", description = "Rows of synthetic data (default: ${DEFAULT-VALUE}).",
            defaultValue = "2000")
    int rows;

    @Option(names = "--seed", description = "Seed of data and training (default: ${DEFAULT-VALUE}).",
            defaultValue = "42")
    long seed;

    private final PrintStream console;

    /** A quickstart printing to standard output. */
    public QuickstartCommand() {
        this(System.out);
    }

    QuickstartCommand(PrintStream console) {
        this.console = console;
    }

    @Override
    public Integer call() {
        long start = System.nanoTime();
        Table data = SeedExample.table(rows, 5, seed);
        try (MultiTaskModel model = multiTask()
                .input(numeric("x1", "x2", "x3", "x4", "x5", "x6", "x7", "x8", "x9", "x10"))
                .trunk(dense(20), relu())
                .task("task1").head(dense(1)).loss(mse()).metric(mae())
                .task("task2").head(dense(1)).loss(mse()).metric(mae())
                .task("task3").head(dense(1)).loss(mse()).metric(mae())
                .task("task4").head(dense(1)).loss(mse()).metric(mae())
                .task("task5").head(dense(1)).loss(mse()).metric(mae())
                .weighting(equal())
                .build()) {
            TrainingRun run = model.fit(data, epochs(epochs), batchSize(64), adam(3e-3),
                    validationSplit(0.2), seed(seed));
            console.println();
            console.println(model.summary());
            Path loss = ChartFiles.savePng(Charts.loss(run.history(), Charts.Scale.LOG),
                    out.resolve("loss.png"));
            Path lossSvg = ChartFiles.saveSvg(Charts.loss(run.history(), Charts.Scale.LOG),
                    out.resolve("loss.svg"));
            Path weights = ChartFiles.savePng(Charts.weights(run.history()),
                    out.resolve("weights.png"));
            Path metrics = ChartFiles.savePng(Charts.metrics(run.history()),
                    out.resolve("metrics.png"));
            Path history = out.resolve("history.csv").toAbsolutePath();
            run.history().toTable().write().csv(history.toString());
            console.println();
            console.println("Final per-task losses (epoch " + run.history().lastEpoch().epoch()
                    + "):");
            console.println(String.format(Locale.ROOT, "  %-6s %12s %12s %10s", "task",
                    "train MSE", "val MSE", "val MAE"));
            for (TaskEpoch task : run.history().lastEpoch().tasks()) {
                console.println(String.format(Locale.ROOT, "  %-6s %12.5f %12.5f %10.5f",
                        task.task(), task.trainLoss(), task.validationLoss(),
                        task.metrics().get("mae")));
            }
            console.println();
            console.println("Charts and history:");
            for (Path file : new Path[] {loss, lossSvg, weights, metrics, history}) {
                console.println("  " + file.toAbsolutePath());
            }
            console.println(String.format(Locale.ROOT,
                    "Trained %d epochs on %s in %.1f s (%.1f s in all).", run.epochsRun(),
                    run.device(), run.seconds(), (System.nanoTime() - start) / 1e9));
        }
        return 0;
    }
}
