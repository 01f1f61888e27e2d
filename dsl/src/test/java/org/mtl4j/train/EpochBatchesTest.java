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
        // GIVEN 7 rows of 2 features (row r = [r, 10 r]), labels 100 r (rows 0 and 5 without
        // one), a shuffled order and windows of one batch (16 bytes: 2 rows × 2 floats)
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
            boolean[] present = {false, true, true, true, true, false, true};
            int[][] counts = {{2}, {1}, {1}, {1}};
            UploadBuffer uploads = new UploadBuffer();
            EpochBatches batches = new EpochBatches(new SplitFeatures.OnDevice(features),
                    List.of(labels), List.of(present), counts, order, 2, DataType.FLOAT32, manager,
                    16, uploads);

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
                        expectedW[i] = present[row] ? 1f / counts[b][0] : 0f;
                    }
                    assertThat(batch.features().toFloatArray()).containsExactly(expectedX);
                    assertThat(batch.labels().get(0).toFloatArray()).containsExactly(expectedY);
                    assertThat(batch.rowWeights().get(0).toFloatArray())
                            .containsExactly(expectedW);
                }
            }
        }
    }

    @Test
    void aBatchKeepsItsValuesWhenTheNextWindowReusesTheUploadBuffer() {
        // GIVEN 4 rows, windows of one batch of 2 rows, row 1 without a label
        try (NDManager manager = NDManager.newBaseManager()) {
            NDArray features = manager.create(new float[] {0, 1, 2, 3}, new Shape(4, 1));
            NDArray labels = manager.create(new float[] {10, 11, 12, 13});
            EpochBatches batches = new EpochBatches(new SplitFeatures.OnDevice(features),
                    List.of(labels), List.of(new boolean[] {true, false, true, true}),
                    new int[][] {{1}, {2}}, new int[] {1, 0, 3, 2}, 2, DataType.FLOAT32, manager,
                    8, new UploadBuffer());

            // WHEN batch 0 is read, then batch 1 (another window, written into the same buffer)
            try (NDManager first = manager.newSubManager();
                    NDManager second = manager.newSubManager()) {
                Batch batch = batches.batch(0, first);
                Batch next = batches.batch(1, second);

                // THEN batch 0 still holds its own rows and weights
                assertThat(batch.features().toFloatArray()).containsExactly(1, 0);
                assertThat(batch.labels().get(0).toFloatArray()).containsExactly(11, 10);
                assertThat(batch.rowWeights().get(0).toFloatArray()).containsExactly(0f, 1f);
                assertThat(next.rowWeights().get(0).toFloatArray()).containsExactly(0.5f, 0.5f);
                assertThat(next.labels().get(0).toFloatArray()).containsExactly(13, 12);
            }
        }
    }
}
