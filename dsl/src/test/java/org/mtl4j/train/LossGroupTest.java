package org.mtl4j.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.mtl4j.Mtl4j.*;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.mtl4j.engine.Scalars;
import org.mtl4j.spec.losses.Loss;

/** Losses computed together equal the same losses computed task by task, partial labels too. */
class LossGroupTest {

    @Test
    void aGroupGivesEachTaskItsOwnMeanOverItsLabelledRows() {
        try (NDManager manager = NDManager.newBaseManager("PyTorch")) {
            manager.getEngine().setRandomSeed(5);
            Scalars scalars = new Scalars(manager, DataType.FLOAT32);
            int rows = 6;
            // tasks 0, 1, 3, 4, 5: huber(1.0) with one output; task 2: cross-entropy, 3 outputs
            List<Loss> losses = List.of(huber(1.0), huber(1.0), crossEntropy(), huber(1.0),
                    huber(1.0), huber(1.0));
            NDList outputs = new NDList();
            List<NDArray> labels = new ArrayList<>();
            List<NDArray> weights = new ArrayList<>();
            int[] counts = new int[losses.size()];
            for (int t = 0; t < losses.size(); t++) {
                boolean classes = t == 2;
                outputs.add(manager.randomNormal(new Shape(rows, classes ? 3 : 1)));
                labels.add(classes ? manager.create(new long[] {0, 1, 2, 0, 1, 2})
                        : manager.randomNormal(new Shape(rows)).mul(scalars.of(3.0)));
                // task 4 is labelled on rows 0 and 3 only; task 5 on none
                float[] w = new float[rows];
                for (int r = 0; r < rows; r++) {
                    boolean labelled = t == 4 ? r % 3 == 0 : t != 5;
                    counts[t] += labelled ? 1 : 0;
                    w[r] = labelled ? 1 : 0;
                }
                for (int r = 0; r < rows; r++) {
                    w[r] = counts[t] == 0 ? 0 : w[r] / counts[t];
                }
                weights.add(counts[t] == 0 ? null : manager.create(w));
            }
            Batch batch = new Batch(manager.zeros(new Shape(rows, 2)), labels, weights, counts);

            List<LossGroup> groups = LossGroup.plan(losses, outputs);
            NDArray together = groups.get(0).losses(outputs, batch, scalars, manager);

            assertThat(groups).hasSize(1);
            assertThat(groups.get(0).tasks()).containsExactly(0, 1, 3, 4, 5);
            float[] values = together.toFloatArray();
            int[] tasks = groups.get(0).tasks();
            for (int i = 0; i < tasks.length; i++) {
                int t = tasks[i];
                float alone = weights.get(t) == null ? 0f
                        : losses.get(t).perExample(outputs.get(t), labels.get(t), scalars)
                                .mul(weights.get(t)).sum().getFloat();
                assertThat(values[i]).as("task %d", t).isCloseTo(alone, within(1e-5f));
            }
            assertThat(LossGroup.plan(losses.subList(0, 4), outputs)).as("three huber tasks")
                    .isEmpty();
        }
    }
}
