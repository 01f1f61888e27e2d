package org.mtl4j.bench;

import static org.mtl4j.Mtl4j.*;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.mtl4j.MultiTaskModel;
import org.mtl4j.datasets.MultiMnist;
import org.mtl4j.engine.ConvolutionKernels;
import org.mtl4j.train.EpochRecord;
import org.mtl4j.train.TrainingRun;
import tech.tablesaw.api.Table;

/**
 * Images per second on CPU of {@code fit()} against the same model in a hand-written DJL loop
 * ({@link DjlImageLoop}): notebook 08's LeNet on MultiMNIST (two 5 × 5 convolutions with 10 and
 * 20 filters, each with ReLU and 2 × 2 max pooling, a dense layer of 50 units, a {@code dense(10)}
 * head per digit), equal weights, Adam (2e-3) and batch 32 as in the notebook, the same intra-op
 * thread count for both. After one warm-up each, the two runners alternate for {@code --reps}
 * repetitions of {@code --epochs} epochs (each repetition continues training the same model);
 * each repetition is timed in wall time and in the CPU time of the whole process (every JVM thread: training, JIT compilers, GC,
 * libtorch; see {@link ProcessCpu}). Printed as a Markdown table, median (min–max), with the
 * ratios of the medians to the DJL loop's.
 *
 * <p>{@code fit()} is called as a user calls it, on the Tablesaw table of Base64 image cells, with
 * {@code accuracy()} on both tasks and {@code quiet()}: each call converts the table to tensors
 * again. The row "fit(), epochs only" counts only the epochs' own wall time (the history's epoch
 * times), without that conversion.
 *
 * <p>Both runners use the convolution kernels mtl4j chose for the process ({@link
 * ConvolutionKernels}: libtorch's own, oneDNN and NNPACK off, unless {@code
 * JAVA_OPTS=-Dmtl4j.onednn=true}). {@code fit()} skips steps with a non-finite gradient and the
 * count is printed, so that a run with oneDNN on, whose gradients are sometimes NaN, finishes and
 * can be compared. The DJL loop has no such guard: after a NaN step its weights stay NaN and it
 * goes on being timed.
 *
 * <p>Options (defaults): {@code --reps 5 --epochs 2 --rows 4000 --batch 32 --threads 1}.
 *
 * <p>Example: {@code experiments/bench/images.sh --reps 5}
 */
public final class ImageBench {

    static final int SIDE = MultiMnist.SIDE;
    static final int KERNEL = 5;
    static final int FILTERS_1 = 10;
    static final int FILTERS_2 = 20;
    static final int HIDDEN = 50;
    static final List<String> TASKS = List.of("left", "right");
    static final float LEARNING_RATE = 2e-3f;

    private static final Pattern PARAMETERS = Pattern.compile("parameters: ([0-9]+)");

    private ImageBench() {}

    public static void main(String[] args) {
        int reps = 5;
        int epochs = 2;
        int rows = 4000;
        int batch = 32;
        int threads = 1;
        for (int i = 0; i < args.length; i += 2) {
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException("Option " + args[i] + " needs a value.");
            }
            int value = positive(args[i], args[i + 1]);
            switch (args[i]) {
                case "--reps" -> reps = value;
                case "--epochs" -> epochs = value;
                case "--rows" -> rows = value;
                case "--batch" -> batch = value;
                case "--threads" -> threads = value;
                default -> throw new IllegalArgumentException("Unknown option " + args[i]
                        + ". Known: --reps --epochs --rows --batch --threads.");
            }
        }
        run(reps, epochs, rows, batch, threads);
    }

    /** The model {@code fit()} trains: the same network as {@link DjlImageLoop}'s. */
    static MultiTaskModel lenet() {
        return multiTask()
                .input(image("image", 1, SIDE, SIDE))
                .trunk(conv2d(FILTERS_1, KERNEL), relu(), maxPool(2), conv2d(FILTERS_2, KERNEL),
                        relu(), maxPool(2), flatten(), dense(HIDDEN), relu())
                .task(TASKS.get(0)).head(dense(10)).loss(crossEntropy()).metric(accuracy())
                .task(TASKS.get(1)).head(dense(10)).loss(crossEntropy()).metric(accuracy())
                .weighting(equal())
                .build();
    }

    /** Steps {@code fit()} skipped for a non-finite loss or gradient, warm-up included. */
    private static int skippedSteps;

    static void run(int reps, int epochs, int rows, int batch, int threads) {
        skippedSteps = 0;
        Table table = MultiMnist.table(rows, 1);
        List<Double> fitWall = new ArrayList<>();
        List<Double> fitCpu = new ArrayList<>();
        List<Double> epochWall = new ArrayList<>();
        List<Double> loopWall = new ArrayList<>();
        List<Double> loopCpu = new ArrayList<>();
        long fitParameters;
        long loopParameters;
        try (MultiTaskModel model = lenet();
                DjlImageLoop loop = new DjlImageLoop(table, batch, LEARNING_RATE, threads)) {
            // one warm-up each: libtorch's first calls and the JIT's first compilations
            fit(model, table, epochs, batch, threads);
            loop.run(epochs);
            fitParameters = parameters(model.summary());
            loopParameters = loop.parameterCount();
            double images = (double) rows * epochs;
            for (int r = 0; r < reps; r++) {
                Timing.Clock clock = Timing.start();
                TrainingRun run = fit(model, table, epochs, batch, threads);
                Timing fit = clock.stop(run.epochsRun());
                fitWall.add(images / fit.seconds());
                fitCpu.add(images / fit.cpuSeconds());
                List<EpochRecord> all = run.history().epochs();
                double seconds = all.subList(all.size() - epochs, all.size()).stream()
                        .mapToDouble(EpochRecord::seconds).sum();
                epochWall.add(images / seconds);
                Timing djl = loop.run(epochs);
                loopWall.add(images / djl.seconds());
                loopCpu.add(images / djl.cpuSeconds());
            }
        }
        System.out.printf(Locale.ROOT, "mtl4j image benchmark: MultiMNIST %d × %d, LeNet (conv"
                + " %d×%d·%d, max pool 2, conv %d×%d·%d, max pool 2, dense %d, two dense(10)"
                + " heads; %d parameters in fit()'s model, %d in the DJL loop's), %d rows, batch"
                + " %d, Adam(%s), equal weights, %d intra-op thread(s), %d cores; %d interleaved"
                + " repetitions of %d epochs after one warm-up each; median (min–max).%n%n",
                SIDE, SIDE, KERNEL, KERNEL, FILTERS_1, KERNEL, KERNEL, FILTERS_2, HIDDEN,
                fitParameters, loopParameters, rows, batch, LEARNING_RATE, threads,
                Runtime.getRuntime().availableProcessors(), reps, epochs);
        // both runners share the process's setting, which fit()'s warm-up made
        System.out.printf("Convolution kernels: %s (ConvolutionKernels).%n%n",
                ConvolutionKernels.state());
        Stats loopW = Stats.of(loopWall);
        Stats loopC = Stats.of(loopCpu);
        TextTable out = new TextTable("runner", "images/s", "min–max", "images/CPU-s",
                "min–max", "vs DJL loop (wall, CPU)");
        Stats fitW = Stats.of(fitWall);
        Stats fitC = Stats.of(fitCpu);
        out.row("mtl4j fit()", f(fitW.median()), fitW.spread("%.0f"), f(fitC.median()),
                fitC.spread("%.0f"), x(fitW.median() / loopW.median()) + ", "
                        + x(fitC.median() / loopC.median()));
        Stats epochW = Stats.of(epochWall);
        out.row("mtl4j fit(), epochs only", f(epochW.median()), epochW.spread("%.0f"), "–", "–",
                x(epochW.median() / loopW.median()) + ", –");
        out.row("hand-written DJL loop", f(loopW.median()), loopW.spread("%.0f"),
                f(loopC.median()), loopC.spread("%.0f"), "1.00×, 1.00×");
        out.print();
        System.out.printf("%nSteps fit() skipped for a non-finite loss or gradient: %d"
                + " (skipNonFiniteSteps(), so that a run with oneDNN on finishes).%n",
                skippedSteps);
    }

    private static TrainingRun fit(MultiTaskModel model, Table table, int epochs, int batch,
            int threads) {
        TrainingRun run = model.fit(table, epochs(epochs), batchSize(batch),
                adam(LEARNING_RATE), threads(threads), seed(7), skipNonFiniteSteps(), quiet());
        skippedSteps += run.skippedSteps();
        return run;
    }

    /** The parameter count a model's summary states. */
    static long parameters(String summary) {
        Matcher matcher = PARAMETERS.matcher(summary);
        if (!matcher.find()) {
            throw new IllegalStateException("The model summary states no parameter count."
                    + " Received: " + summary);
        }
        return Long.parseLong(matcher.group(1));
    }

    private static int positive(String option, String value) {
        if (!value.matches("[1-9][0-9]*")) {
            throw new IllegalArgumentException(option + " needs a positive integer. Received: '"
                    + value + "'.");
        }
        return Integer.parseInt(value);
    }

    private static String f(double value) {
        return String.format(Locale.ROOT, "%.0f", value);
    }

    private static String x(double ratio) {
        return String.format(Locale.ROOT, "%.2f×", ratio);
    }
}
