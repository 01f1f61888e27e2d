package org.mtl4j.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mtl4j.Mtl4j.*;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.mtl4j.datasets.ImagePixels;
import org.mtl4j.spec.ModelSpec;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * The image layers' gradients against finite differences with garbage collections forced between
 * forward and backward (the DJL scalar bug in DESIGN.md), in double precision.
 */
class ConvGradientCheckTest {

    @Test
    void convPoolingAndBatchNormGradientsMatchFiniteDifferences() {
        // GIVEN a tiny model with every image layer: conv (padding, stride), batch norm (batch
        // statistics in training), max, average and global average pooling, flatten
        ModelSpec spec = multiTask()
                .input(image("image", 1, 8, 8))
                .trunk(conv2d(2, 3).padding(1), batchNorm(), tanh(), maxPool(2),
                        conv2d(3, 2).stride(2))
                .task("kind").head(avgPool(2), flatten(), dense(3)).loss(crossEntropy())
                .task("size").head(globalAvgPool(), dense(1)).loss(mse())
                .build()
                .spec();

        // WHEN one step runs with collections before backward
        var result = GradientHarness.check(spec, table(24, new Random(9)),
                spec.weighting()::start, (step, parts) -> {});

        // THEN every sampled gradient matches
        assertThat(result.mismatches()).isEmpty();
        assertThat(result.checked()).isGreaterThan(30);
    }

    private static Table table(int rows, Random random) {
        StringColumn images = StringColumn.create("image");
        StringColumn kind = StringColumn.create("kind");
        DoubleColumn size = DoubleColumn.create("size");
        for (int i = 0; i < rows; i++) {
            byte[] pixels = new byte[64];
            random.nextBytes(pixels);
            images.append(ImagePixels.encode(pixels));
            kind.append(java.util.List.of("x", "y", "z").get(i % 3));
            size.append(random.nextGaussian());
        }
        return Table.create("images", images, kind, size);
    }
}
