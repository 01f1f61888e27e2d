package org.mtl4j.train;

import static org.assertj.core.api.Assertions.assertThat;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import java.util.List;
import org.junit.jupiter.api.Test;

class EpochBatchesTest {

    @Test
    void windowsSmallerThanTheEpochGiveEveryBatchItsRowsInEpochOrder() {
        // GIVEN 7 rows of 2 features (row r = [r, 10 r]), labels 100 r, a shuffled order and
        // windows of one batch (16 bytes: 2 rows × 2 floats)
        try (NDManager manager = NDManager.newBaseManager()) {
            float[] x = new float[14];
            float[] y = new float[7];
            for (int r = 0; r < 7; r++) {
                x[2 * r] = r;
                x[2 * r + 1] = 10 * r;
                y[r] = 100 * r;
            }
            NDArray features = manager.create(x, new Shape(7, 2));
            NDArray labels = manager.create(y);
            int[] order = {3, 0, 6, 2, 5, 1, 4};
            float[][] weights = {{1, 2, 3, 4, 5, 6, 7}};
            int[][] counts = {{2}, {2}, {2}, {1}};
            EpochBatches batches = new EpochBatches(new SplitFeatures.OnDevice(features), List.of(labels), weights, counts,
                    order, 2, DataType.FLOAT32, manager, 16);

            // WHEN every batch is read in turn THEN each holds its rows in the epoch's order
            assertThat(batches.size()).isEqualTo(4);
            for (int b = 0; b < 4; b++) {
                try (NDManager step = manager.newSubManager()) {
                    Batch batch = batches.batch(b, step);
                    int rows = b < 3 ? 2 : 1;
                    float[] expectedX = new float[2 * rows];
                    float[] expectedY = new float[rows];
                    float[] expectedW = new float[rows];
                    for (int i = 0; i < rows; i++) {
                        int row = order[2 * b + i];
                        expectedX[2 * i] = row;
                        expectedX[2 * i + 1] = 10 * row;
                        expectedY[i] = 100 * row;
                        expectedW[i] = weights[0][2 * b + i];
                    }
                    assertThat(batch.features().toFloatArray()).containsExactly(expectedX);
                    assertThat(batch.labels().get(0).toFloatArray()).containsExactly(expectedY);
                    assertThat(batch.rowWeights().get(0).toFloatArray())
                            .containsExactly(expectedW);
                }
            }
        }
    }
}
