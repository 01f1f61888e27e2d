package org.mtl4j.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mtl4j.Mtl4j.*;

import ai.djl.Device;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.mtl4j.ModelParameters;
import org.mtl4j.MultiTaskModel;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * A fit of an uploaded table gives exactly the numbers it gave before the epoch's windows reused
 * their host buffers (issue 14's memory work): same shuffle, same batches, same row weights, same
 * operations. The expected fingerprints were RECORDED from real runs of this test on the commit
 * before that change (91279f4), not computed by hand; recorded again when Adam's step on packed
 * parameters moved to libtorch's fused kernel ({@code FusedAdamKernel}: the same formula, other
 * float32 rounding; an intended change, recorded on 27d858a and kept since 695be69); and the step
 * losses once more when {@code mse()} and {@code crossEntropy()} moved to libtorch's own loss
 * operations ({@code LossKernels}: the losses round differently, while the gradients, and so the
 * parameters, kept every bit). They pin the training numerics that the notebooks' prose figures
 * depend on. A change that moves any step loss or any parameter by one bit fails here; if a
 * change of numerics is intended, record the new values and say so. The fits run on the CPU with
 * one intra-op thread. Recorded with libtorch 2.7.1's CPU build on the project's x86-64 machine
 * kind (with AVX-512): a GPU, or a CPU on which libtorch picks other vector kernels, gives other
 * bits; re-record on such a machine.
 *
 * <p>The data is wide enough (100 features, 12,000 rows) that an epoch's training split spans two
 * windows of {@link EpochBatches#WINDOW_BYTES}, one task has a label on every third row only (row
 * weights other than 1/batch) and one is a classification (int64 labels).
 */
class UploadedFitNumericsTest {

    private static final int FEATURES = 100;
    private static final Table DATA = table(12_000, 23);

    @ParameterizedTest(name = "validation split {0}")
    @CsvSource({
        "0.1, 73173bc51f8c44aa, 64c785f93e8477f9",
        "0.0, 26a8cedc690d0175, 46e29032057e8c6a"})
    void anUploadedFitGivesTheRecordedLossesAndParameters(double validation, String stepsPrint,
            String parametersPrint) {
        try (MultiTaskModel model = model()) {
            TrainingHistory history = model.fit(DATA, epochs(2), batchSize(64), adam(1e-3),
                    validationSplit(validation), seed(5), threads(1), device(Device.cpu()), quiet()).history();

            long steps = fingerprint(List.of(
                    history.stepsTable().doubleColumn("loss").asDoubleArray(),
                    history.stepsTable().doubleColumn("weight").asDoubleArray(),
                    history.toTable().doubleColumn("train_loss").asDoubleArray(),
                    history.toTable().doubleColumn("validation_loss").asDoubleArray(),
                    history.epochs().stream().mapToDouble(e -> e.task("y").metrics().get("mae"))
                            .toArray(),
                    history.epochs().stream()
                            .mapToDouble(e -> e.task("kind").metrics().get("accuracy"))
                            .toArray()));
            long parameters = fingerprint(ModelParameters.of(model));
            assertThat(Long.toHexString(steps)).isEqualTo(stepsPrint);
            assertThat(Long.toHexString(parameters)).isEqualTo(parametersPrint);
        }
    }

    @Test
    void aBagOfWordsFitGivesTheRecordedLossesAndParameters() {
        // GIVEN text kept sparse on the host, made dense a window at a time
        Random random = new Random(29);
        StringColumn review = StringColumn.create("review");
        double[] y = new double[3000];
        for (int r = 0; r < y.length; r++) {
            StringBuilder text = new StringBuilder();
            for (int w = 0; w < 12; w++) {
                int word = random.nextInt(400);
                text.append('w').append(word).append(' ');
                y[r] += word % 7 == 0 ? 1 : 0;
            }
            review.append(text.toString());
        }
        Table texts = Table.create("texts", review, DoubleColumn.create("y", y));
        try (MultiTaskModel model = multiTask().input(text("review").vocabulary(300))
                .trunk(dense(16), relu()).task("y").head(dense(1)).loss(mse()).build()) {
            TrainingHistory history = model.fit(texts, epochs(2), batchSize(64), adam(1e-3),
                    validationSplit(0.1), seed(5), threads(1), device(Device.cpu()), quiet()).history();

            long steps = fingerprint(List.of(
                    history.stepsTable().doubleColumn("loss").asDoubleArray(),
                    history.toTable().doubleColumn("validation_loss").asDoubleArray()));
            long parameters = fingerprint(ModelParameters.of(model));
            assertThat(Long.toHexString(steps)).isEqualTo("5d459ad43c607e30");
            assertThat(Long.toHexString(parameters)).isEqualTo("1e6ce319e2bcf81e");
        }
    }

    /** An order-sensitive hash of the values' exact bits (all 64 bits of each mix in). */
    private static long fingerprint(List<double[]> arrays) {
        long hash = 17;
        for (double[] values : arrays) {
            hash = hash * 31 + values.length;
            for (double value : values) {
                hash = (hash ^ Double.doubleToLongBits(value)) * 0x9E3779B97F4A7C15L;
                hash ^= hash >>> 31;
            }
        }
        return hash;
    }

    private static MultiTaskModel model() {
        String[] names = new String[FEATURES];
        for (int c = 0; c < FEATURES; c++) {
            names[c] = "x" + c;
        }
        return multiTask().input(numeric(names)).trunk(dense(16), relu())
                .task("y").head(dense(1)).loss(mse()).metric(mae())
                .task("kind").head(dense(2)).loss(crossEntropy()).metric(accuracy())
                .build();
    }

    /** x ~ N(0, 1); y = x0 + x1 (every third row only); kind = sign of x2 (every row). */
    private static Table table(int rows, long seed) {
        Random random = new Random(seed);
        double[][] x = new double[FEATURES][rows];
        double[] y = new double[rows];
        StringColumn kind = StringColumn.create("kind");
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < FEATURES; c++) {
                x[c][r] = random.nextGaussian();
            }
            y[r] = r % 3 == 0 ? x[0][r] + x[1][r] : Double.NaN;
            kind.append(x[2][r] > 0 ? "up" : "down");
        }
        Table table = Table.create("wide");
        for (int c = 0; c < FEATURES; c++) {
            table.addColumns(DoubleColumn.create("x" + c, x[c]));
        }
        return table.addColumns(DoubleColumn.create("y", y), kind);
    }
}
