package org.mtl4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mtl4j.Mtl4j.*;

import ai.djl.Device;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import org.junit.jupiter.api.Test;
import org.mtl4j.data.Split;
import org.mtl4j.datasets.MultiMnist;
import org.mtl4j.model.ModelParts;
import org.mtl4j.model.MultiTaskBlock;
import org.mtl4j.spec.ModelSpec;
import tech.tablesaw.api.Table;

/** Shapes and parameter counts of image models against hand counts, and the shape errors. */
class ImageShapesTest {

    private static final Table DIGITS = MultiMnist.table(150, 1);

    private static ModelBuilder images() {
        return multiTask().input(image("image", 1, 36, 36));
    }

    @Test
    void lenetHasTheHandCountedParametersAndShapes() {
        // GIVEN LeNet on 1 × 36 × 36: conv 5×5 → 8 × 32 × 32, pool → 8 × 16 × 16, conv 5×5 →
        // 16 × 12 × 12, pool → 16 × 6 × 6 = 576, dense 64, two heads of 10
        ModelSpec spec = ImageTrainingTest.lenet().spec();
        try (ModelParts parts = parts(spec)) {
            // THEN weights + biases: (8·1·25 + 8) + (16·8·25 + 16) + (576·64 + 64) + 2·(64·10 + 10)
            assertThat(MultiTaskBlock.parameterCount(parts.block()))
                    .isEqualTo(208 + 3216 + 36_928 + 1300);
            assertThat(parts.block().trunk().getOutputShapes(new Shape[] {new Shape(2, 1296)}))
                    .containsExactly(new Shape(2, 64));
        }
    }

    @Test
    void strideGlobalPoolingAndBatchNormCountAsInPyTorch() {
        // GIVEN conv 3×3 stride 2 padding 1 (36 → 18), batch norm, avgPool 3 (18 → 6), conv 3×3
        // (6 → 4), global average pooling → 12 features
        ModelSpec spec = images()
                .trunk(conv2d(6, 3).stride(2).padding(1), batchNorm(), relu(), avgPool(3),
                        conv2d(12, 3), relu(), globalAvgPool())
                .task("left").head(dense(10)).loss(crossEntropy())
                .build().spec();
        try (ModelParts parts = parts(spec)) {
            // THEN (6·9 + 6) + γ, β of 6 (running statistics not counted) + (12·6·9 + 12) + 130
            assertThat(MultiTaskBlock.parameterCount(parts.block()))
                    .isEqualTo(60 + 12 + 660 + 130);
            assertThat(parts.block().trunk().getOutputShapes(new Shape[] {new Shape(3, 1296)}))
                    .containsExactly(new Shape(3, 12));
        }
    }

    @Test
    void convolutionOnFlatFeaturesIsRejected() {
        assertThatThrownBy(() -> multiTask().input(numeric("x"))
                .trunk(dense(8), conv2d(8, 3))
                .task("y").head(dense(1)).loss(mse()).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("conv2d(8, 3) in the trunk needs images (channels × height × width),"
                        + " but it receives flat features. Read images with .input(image(\"image\","
                        + " 1, 28, 28)) and put image layers before flatten().");
    }

    @Test
    void denseOnImagesAsksForFlatten() {
        assertThatThrownBy(() -> images()
                .trunk(conv2d(4, 5), maxPool(2))
                .task("left").head(dense(10)).loss(crossEntropy()).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("dense(10) in the head of task 'left' needs flat features, but it"
                        + " receives images of 4 × 16 × 16. Put flatten() or globalAvgPool() before"
                        + " it.");
    }

    @Test
    void aWindowLargerThanItsImageIsRejected() {
        assertThatThrownBy(() -> images()
                .trunk(maxPool(4), maxPool(4), conv2d(8, 3), flatten())
                .task("left").head(dense(10)).loss(crossEntropy()).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("conv2d(8, 3) in the trunk needs images of at least 3 × 3 pixels"
                        + " (padding included), but it receives 1 × 2 × 2. Use a smaller kernel,"
                        + " .padding(...), or fewer pooling layers before it.");
    }

    @Test
    void anImageInputMustBeTheOnlyInput() {
        assertThatThrownBy(() -> multiTask().input(image("image", 1, 36, 36), numeric("x"))
                .trunk(flatten(), dense(8))
                .task("left").head(dense(10)).loss(crossEntropy()).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("image(\"image\", 1, 36, 36) must be the model's only input. Received:"
                        + " inputs=[image(\"image\", 1, 36, 36), numeric(\"x\")]. Train on the"
                        + " images alone.");
    }

    @Test
    void crossStitchColumnsCannotReadImages() {
        assertThatThrownBy(() -> images()
                .crossStitch(dense(8), relu())
                .task("left").head(dense(10)).loss(crossEntropy()).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("crossStitch() columns start with dense(n) and cannot read images."
                        + " Received: crossStitch(dense(8), relu()) with image(\"image\", 1, 36,"
                        + " 36). Use .trunk(conv2d(...), ...) or experts(...) for images.");
    }

    @Test
    void imageLayersAfterAnExpertsFlattenAreRejected() {
        assertThatThrownBy(() -> images()
                .experts(2, conv2d(4, 5), flatten(), dense(8), relu(), conv2d(2, 1)).gates()
                .task("left").head(dense(10)).loss(crossEntropy()).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("conv2d(2, 1) in each expert needs images");
    }

    @Test
    void severalExpertLevelsCannotReadImages() {
        assertThatThrownBy(() -> images()
                .experts(2, flatten(), dense(8), relu()).taskExperts(1).levels(2).gates()
                .task("left").head(dense(10)).loss(crossEntropy()).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Experts of several levels (PLE) read images only at the first level,"
                        + " and every level has the same experts. Received: levels(2) with"
                        + " image(\"image\", 1, 36, 36). Use one level, or a convolutional"
                        + " .trunk(...).");
    }

    @Test
    void badLayerArgumentsAreNamed() {
        assertThatThrownBy(() -> conv2d(8, 3).stride(0))
                .hasMessage("conv2d(8, 3).stride() needs a stride of at least 1. Received:"
                        + " stride(0). Use e.g. .stride(2).");
        assertThatThrownBy(() -> maxPool(0))
                .hasMessage("maxPool() needs a kernel of at least 1. Received: maxPool(0). Use"
                        + " e.g. maxPool(2).");
        assertThat(conv2d(16, 3).stride(2).padding(1)).hasToString(
                "conv2d(16, 3).stride(2).padding(1)");
    }

    @Test
    void aWrongImageSizeNamesTheRowAndTheSize() {
        try (var model = multiTask().input(image("image", 1, 28, 28))
                .trunk(flatten(), dense(4))
                .task("left").head(dense(10)).loss(crossEntropy()).build()) {
            assertThatThrownBy(() -> model.fit(DIGITS, epochs(1), quiet()))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("Column 'image' row 0 holds 1296 pixel bytes, but image(\"image\","
                            + " 1, 28, 28) expects 1 × 28 × 28 = 784. Declare the images' true"
                            + " size.");
        }
    }

    private static ModelParts parts(ModelSpec spec) {
        return ModelParts.create(spec, DIGITS, Split.allRows(DIGITS.rowCount()), Device.cpu(),
                DataType.FLOAT32);
    }
}
