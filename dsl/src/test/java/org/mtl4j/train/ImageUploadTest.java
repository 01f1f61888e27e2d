package org.mtl4j.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mtl4j.Mtl4j.*;

import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import org.junit.jupiter.api.Test;
import org.mtl4j.data.Split;
import org.mtl4j.datasets.Datasets;
import org.mtl4j.datasets.ImagePixels;
import org.mtl4j.model.ModelParts;
import org.mtl4j.spec.ModelSpec;
import tech.tablesaw.api.Table;

/**
 * An image input reaches the device as one float32 per pixel, the byte divided by 255: N images
 * of 28 × 28 take N × 784 × 4 bytes.
 */
class ImageUploadTest {

    @Test
    void pixelsAreUploadedAsFloat32BytesOver255() {
        // GIVEN 1000 MNIST digits (every tenth: all ten digits) and a model reading them
        Table mnist = Datasets.mnist();
        int[] every10th = new int[1000];
        for (int i = 0; i < every10th.length; i++) {
            every10th[i] = 10 * i;
        }
        Table digits = mnist.rows(every10th);
        ModelSpec spec = multiTask().input(image("image", 1, 28, 28))
                .trunk(flatten(), dense(4), relu())
                .task("digit").head(dense(10)).loss(crossEntropy()).build().spec();
        int[] rows = Split.allRows(digits.rowCount());
        try (ModelParts parts = ModelParts.create(spec, digits, rows, Device.cpu(),
                        DataType.FLOAT32);
                NDManager manager = parts.manager().newSubManager()) {
            // WHEN the rows are uploaded
            DeviceSplit split = DeviceSplit.upload(parts, digits, rows, manager);
            NDArray features = split.features(manager, 0, rows.length);

            // THEN they are 1000 × 784 float32, each pixel its byte / 255
            assertThat(features.getShape()).isEqualTo(new Shape(1000, 784));
            assertThat(features.getDataType()).isEqualTo(DataType.FLOAT32);
            byte[] pixels = ImagePixels.decode(digits.stringColumn("image").get(7));
            float[] row = features.get(7).toFloatArray();
            for (int p = 0; p < pixels.length; p++) {
                assertThat(row[p]).isEqualTo((pixels[p] & 0xff) * (1f / 255f));
            }
            assertThat(features.max().getFloat()).isEqualTo(1f);
            assertThat(features.min().getFloat()).isZero();
        }
    }
}
