package org.mtl4j.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mtl4j.Mtl4j.*;

import ai.djl.ndarray.NDArray;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mtl4j.MultiTaskModel;
import org.mtl4j.model.ModelParts;
import org.mtl4j.persist.ModelFile;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/** Two replicas' share-weighted gradients, applied together, train exactly like fit(). */
class ReplicaStepTest {

    @Test
    void twoShardsWithSharesStepLikeFitOnTheWholeBatch(@TempDir Path folder) {
        // GIVEN a model fitted one full-batch epoch and saved (parameters and Adam state)
        Table table = table(120);
        FitOption[] options = {batchSize(120), adam(1e-2), seed(5), quiet()};
        try (MultiTaskModel model = multiTask()
                .input(numeric("x1", "x2"), categorical("g"))
                .trunk(dense(8), relu())
                .task("y").head(dense(1)).loss(mse())
                .task("c").head(dense(2)).loss(crossEntropy())
                .build()) {
            model.fit(table, with(options, epochs(1)));
            Path saved = folder.resolve("model.mtl4j");
            model.save(saved);

            // WHEN fit() takes 3 more full-batch steps, and, from the saved model, two shards of
            // 50 and 70 rows each compute their share-weighted gradient, summed and applied
            model.fit(table, with(options, epochs(3)));
            float[] fitted = flat(model.parts().orElseThrow());
            float[] replicated;
            ModelFile.Loaded loaded = ModelFile.read(saved);
            try (ModelParts parts = loaded.parts();
                    ReplicaStep replica = ReplicaStep.open(parts, FitSettings.of(options))) {
                ReplicaStep.Shard shard = replica.upload(table);
                int[] first = range(0, 50);
                int[] second = range(50, 120);
                for (int step = 0; step < 3; step++) {
                    int[] a = replica.labelled(shard, first);
                    int[] b = replica.labelled(shard, second);
                    int[] total = {a[0] + b[0], a[1] + b[1]};
                    float[] g1 = replica.gradient(shard, first, new double[] {
                        (double) a[0] / total[0], (double) a[1] / total[1]}).gradient();
                    float[] g2 = replica.gradient(shard, second, new double[] {
                        (double) b[0] / total[0], (double) b[1] / total[1]}).gradient();
                    float[] sum = new float[g1.length];
                    for (int i = 0; i < sum.length; i++) {
                        sum[i] = g1[i] + g2[i];
                    }
                    replica.apply(sum, total);
                }
                replicated = replica.parameters();
            }

            // THEN the parameters agree within float tolerance
            assertThat(replicated).hasSameSizeAs(fitted);
            double largest = 0;
            for (int i = 0; i < fitted.length; i++) {
                largest = Math.max(largest, Math.abs(fitted[i] - replicated[i]));
            }
            assertThat(largest).isLessThan(1e-5);
        }
    }

    @Test
    void setParametersWritesWhatParametersReads(@TempDir Path folder) {
        Table table = table(40);
        try (MultiTaskModel model = multiTask().input(numeric("x1", "x2"))
                .trunk(dense(4), relu()).task("y").head(dense(1)).loss(mse()).build()) {
            model.fit(table, epochs(1), quiet());
            try (ReplicaStep replica = ReplicaStep.open(model.parts().orElseThrow(),
                    FitSettings.of(quiet()))) {
                float[] values = replica.parameters();
                for (int i = 0; i < values.length; i++) {
                    values[i] = i * 0.01f;
                }
                replica.setParameters(values);
                assertThat(replica.parameters()).containsExactly(values);
                assertThat(flat(model.parts().orElseThrow())).containsExactly(values);

                // and an empty partition gives an empty shard with a zero gradient
                ReplicaStep.Shard empty = replica.upload(table.emptyCopy());
                assertThat(empty.rows()).isZero();
                assertThat(replica.labelled(empty, new int[0])).containsExactly(0);
                assertThat(replica.gradient(empty, new int[0], new double[] {1}).gradient())
                        .hasSize(values.length).containsOnly(0f);
                // and rows that the shard does not have are refused with the fix
                String expected = "() needs rows of the shard. Received: rows.length=2 (row 0)"
                        + " for a shard of shard.rows()=0 rows. Pass row indices from 0 to"
                        + " shard.rows() - 1 (no rows for an empty shard).";
                org.assertj.core.api.Assertions.assertThatThrownBy(() -> replica.gradient(empty,
                                new int[] {0, 1}, new double[] {1}))
                        .isInstanceOf(IllegalArgumentException.class)
                        .hasMessage("gradient" + expected);
                org.assertj.core.api.Assertions.assertThatThrownBy(() -> replica.labelled(empty,
                                new int[] {0, 1}))
                        .isInstanceOf(IllegalArgumentException.class)
                        .hasMessage("labelled" + expected);
            }
        }
    }

    private static float[] flat(ModelParts parts) {
        List<Float> values = new ArrayList<>();
        for (var pair : parts.block().getParameters()) {
            NDArray array = pair.getValue().getArray();
            for (float value : array.toFloatArray()) {
                values.add(value);
            }
        }
        float[] result = new float[values.size()];
        for (int i = 0; i < result.length; i++) {
            result[i] = values.get(i);
        }
        return result;
    }

    /** {@code options} and {@code more}. */
    static FitOption[] with(FitOption[] options, FitOption more) {
        FitOption[] all = java.util.Arrays.copyOf(options, options.length + 1);
        all[options.length] = more;
        return all;
    }

    /** The rows from {@code from} (included) to {@code to} (excluded). */
    static int[] range(int from, int to) {
        int[] rows = new int[to - from];
        for (int i = 0; i < rows.length; i++) {
            rows[i] = from + i;
        }
        return rows;
    }

    /** y = 2·x1 − x2 + noise; c = hi/lo by x1 + x2, missing on every fifth row. */
    private static Table table(int rows) {
        Random random = new Random(3);
        DoubleColumn x1 = DoubleColumn.create("x1");
        DoubleColumn x2 = DoubleColumn.create("x2");
        StringColumn g = StringColumn.create("g");
        DoubleColumn y = DoubleColumn.create("y");
        StringColumn c = StringColumn.create("c");
        for (int i = 0; i < rows; i++) {
            double a = random.nextGaussian();
            double b = random.nextGaussian();
            x1.append(a);
            x2.append(b);
            g.append(i % 3 == 0 ? "a" : "b");
            y.append(2 * a - b + 0.1 * random.nextGaussian());
            if (i % 5 == 2) {
                c.appendMissing();
            } else {
                c.append(a + b > 0 ? "hi" : "lo");
            }
        }
        return Table.create("replica", x1, x2, g, y, c);
    }
}
